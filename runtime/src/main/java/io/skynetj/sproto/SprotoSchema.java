package io.skynetj.sproto;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A loaded schema: the binary bundle sprotoparser makes (itself a sproto message: a group of types
 * and protocols, see skynet's lualib-src/sproto/README.md) turned into types and protocols.
 * Immutable once loaded, so services may share one (sprotoloader's slots).
 */
final class SprotoSchema {
    private final SprotoType[] types;
    private final Map<String, SprotoType> typesByName = new HashMap<>();
    private final List<Protocol> protocols;
    private final Map<String, Protocol> protocolsByName = new HashMap<>();
    private final Map<Integer, Protocol> protocolsByTag = new HashMap<>();

    private SprotoSchema(SprotoType[] types, List<Protocol> protocols) {
        this.types = types;
        this.protocols = protocols;
        for (SprotoType t : types) typesByName.putIfAbsent(t.name(), t);
        for (Protocol p : protocols) {
            protocolsByName.putIfAbsent(p.name(), p);
            protocolsByTag.putIfAbsent(p.tag(), p);
        }
    }

    /** The schema in {@code bundle}; throws {@link MalformedException} if it is not one. */
    static SprotoSchema load(byte[] bundle) {
        StructReader group = new StructReader(bundle, 0, bundle.length);
        if (group.slotCount() > 2) throw new MalformedException("group");
        List<int[]> typeParts = List.of();
        List<int[]> protocolParts = List.of();
        while (group.next()) {
            if (group.isInline()) throw new MalformedException("group field");
            List<int[]> parts = objects(bundle, group.dataOffset(), group.dataLength());
            if (group.tag() == 0) typeParts = parts;
            else if (group.tag() == 1) protocolParts = parts;
            else throw new MalformedException("group tag");
        }
        SprotoType[] types = new SprotoType[typeParts.size()];
        String[] names = new String[types.length];
        for (int i = 0; i < types.length; i++) {
            int[] part = typeParts.get(i);
            names[i] = typeName(bundle, part);
            types[i] = new SprotoType(names[i]);
        }
        for (int i = 0; i < types.length; i++) types[i].define(fields(bundle, typeParts.get(i), types));
        for (SprotoType t : types)
            for (Field f : t.fields())
                if (f.map() && f.struct().fields().length < 2) throw new MalformedException("map entry type " + f.struct().name());
        List<Protocol> protocols = new ArrayList<>();
        for (int[] part : protocolParts) protocols.add(protocol(bundle, part, types));
        return new SprotoSchema(types, List.copyOf(protocols));
    }

    SprotoType type(String name) {
        return typesByName.get(name);
    }

    Protocol protocol(String name) {
        return protocolsByName.get(name);
    }

    Protocol protocol(int tag) {
        return protocolsByTag.get(tag);
    }

    SprotoType[] types() {
        return types.clone();
    }

    List<Protocol> protocols() {
        return protocols;
    }

    /** The length-prefixed objects of an array part: {offset, length} of each. */
    private static List<int[]> objects(byte[] b, int offset, int length) {
        List<int[]> parts = new ArrayList<>();
        int at = offset;
        int end = offset + length;
        while (at < end) {
            if (end - at < 4) throw new MalformedException("array element length");
            long len = StructReader.u32(b, at);
            if (len > end - at - 4) throw new MalformedException("array element");
            parts.add(new int[] {at + 4, (int) len});
            at += 4 + (int) len;
        }
        return parts;
    }

    private static String string(byte[] b, StructReader r) {
        return new String(b, r.dataOffset(), r.dataLength(), java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private static String typeName(byte[] b, int[] part) {
        StructReader r = new StructReader(b, part[0], part[1]);
        if (r.slotCount() < 1 || r.slotCount() > 2) throw new MalformedException("type");
        while (r.next()) {
            if (r.isInline()) throw new MalformedException("type field");
            if (r.tag() == 0) return string(b, r);
        }
        throw new MalformedException("type name");
    }

    private static Field[] fields(byte[] b, int[] typePart, SprotoType[] types) {
        StructReader r = new StructReader(b, typePart[0], typePart[1]);
        List<Field> fields = new ArrayList<>();
        while (r.next()) {
            if (r.tag() != 1) continue;
            for (int[] part : objects(b, r.dataOffset(), r.dataLength())) {
                Field f = field(b, part, types);
                if (!fields.isEmpty() && f.tag() <= fields.get(fields.size() - 1).tag())
                    throw new MalformedException("field tags out of order");
                fields.add(f);
            }
        }
        return fields.toArray(Field[]::new);
    }

    private static Field field(byte[] b, int[] part, SprotoType[] types) {
        StructReader r = new StructReader(b, part[0], part[1]);
        String name = null;
        FieldKind kind = null;
        SprotoType struct = null;
        long scale = 0;
        boolean binary = false;
        int tag = -1;
        boolean array = false;
        int key = -1;
        boolean map = false;
        while (r.next()) {
            if (r.tag() == 0) {
                if (r.isInline()) throw new MalformedException("field name");
                name = string(b, r);
                continue;
            }
            if (!r.isInline()) throw new MalformedException("field attribute");
            int v = r.inline();
            switch (r.tag()) {
                case 1 -> {
                    kind = FieldKind.builtin(v);
                    if (kind == null) throw new MalformedException("builtin type");
                }
                case 2 -> {
                    if (kind == FieldKind.INTEGER) scale = pow10(v);
                    else if (kind == FieldKind.STRING) binary = v == 1;
                    else {
                        if (kind != null || v >= types.length) throw new MalformedException("type index");
                        kind = FieldKind.STRUCT;
                        struct = types[v];
                    }
                }
                case 3 -> tag = v;
                case 4 -> array = v != 0;
                case 5 -> key = v;
                case 6 -> map = v != 0;
                default -> throw new MalformedException("field attribute tag");
            }
        }
        if (tag < 0 || kind == null || name == null) throw new MalformedException("field");
        if (map && struct == null) throw new MalformedException("map of a builtin type");
        return new Field(name, Field.luaName(name), tag, kind, array, struct, scale, binary, key, map);
    }

    private static long pow10(int n) {
        if (n > 18) throw new MalformedException("decimal precision");
        long r = 1;
        for (int i = 0; i < n; i++) r *= 10;
        return r;
    }

    private static Protocol protocol(byte[] b, int[] part, SprotoType[] types) {
        StructReader r = new StructReader(b, part[0], part[1]);
        String name = null;
        int tag = -1;
        SprotoType request = null;
        SprotoType response = null;
        boolean confirm = false;
        while (r.next()) {
            if (r.tag() == 0) {
                if (r.isInline()) throw new MalformedException("protocol name");
                name = string(b, r);
                continue;
            }
            if (!r.isInline()) throw new MalformedException("protocol attribute");
            int v = r.inline();
            switch (r.tag()) {
                case 1 -> tag = v;
                case 2, 3 -> {
                    if (v >= types.length) throw new MalformedException("protocol type index");
                    if (r.tag() == 2) request = types[v];
                    else response = types[v];
                }
                case 4 -> confirm = v != 0;
                default -> throw new MalformedException("protocol attribute tag");
            }
        }
        if (name == null || tag < 0) throw new MalformedException("protocol");
        return new Protocol(name, tag, request, response, confirm);
    }
}
