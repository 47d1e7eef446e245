package io.skynetj.sproto;

import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaInteger;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

/** sproto bytes to a Lua table; throws {@link MalformedException} on bytes that do not fit the type. */
final class SprotoDecoder {
    private SprotoDecoder() {}

    /** Decodes into {@code into}; returns the bytes the message used (bytes after it are left alone). */
    static int decode(SprotoType type, byte[] b, int offset, int length, LuaValue into, int depth) {
        if (depth >= SprotoEncoder.MAX_DEPTH) throw new LuaError("The table is too deep");
        StructReader r = new StructReader(b, offset, length);
        while (r.next()) {
            Field f = type.byTag(r.tag());
            if (f == null) continue;
            if (r.isInline()) {
                if (f.array()) throw new MalformedException("inline array");
                into.set(f.key(), switch (f.kind()) {
                    case INTEGER -> integer(f, r.inline());
                    case BOOLEAN -> LuaValue.valueOf(r.inline() != 0);
                    default -> throw new MalformedException("inline " + f.kind());
                });
            } else if (f.array()) {
                LuaTable t = new LuaTable();
                into.set(f.key(), t);
                array(f, b, r.dataOffset(), r.dataLength(), t, depth);
            } else {
                into.set(f.key(), single(f, b, r.dataOffset(), r.dataLength(), depth));
            }
        }
        return r.consumed(offset);
    }

    private static LuaValue single(Field f, byte[] b, int at, int len, int depth) {
        return switch (f.kind()) {
            case INTEGER, DOUBLE -> {
                long bits = switch (len) {
                    case 4 -> (int) StructReader.u32(b, at);
                    case 8 -> StructReader.s64(b, at);
                    default -> throw new MalformedException("number length");
                };
                yield number(f, bits);
            }
            case STRING -> LuaString.valueOf(java.util.Arrays.copyOfRange(b, at, at + len));
            case STRUCT -> struct(f, b, at, len, depth);
            case BOOLEAN -> throw new MalformedException("boolean data");
        };
    }

    private static LuaTable struct(Field f, byte[] b, int at, int len, int depth) {
        LuaTable t = new LuaTable();
        if (decode(f.struct(), b, at, len, t, depth + 1) != len) throw new MalformedException("struct length");
        return t;
    }

    private static void array(Field f, byte[] b, int at, int len, LuaTable t, int depth) {
        if (len == 0) return;
        switch (f.kind()) {
            case INTEGER, DOUBLE -> {
                int width = b[at] & 0xff;
                int n = len - 1;
                if (n == 0) return;
                if ((width != 4 && width != 8) || n % width != 0) throw new MalformedException("number array");
                for (int i = 0; i < n / width; i++) {
                    int p = at + 1 + i * width;
                    long bits = width == 4 ? (int) StructReader.u32(b, p) : StructReader.s64(b, p);
                    t.set(i + 1, number(f, bits));
                }
            }
            case BOOLEAN -> {
                for (int i = 0; i < len; i++) t.set(i + 1, LuaValue.valueOf(b[at + i] != 0));
            }
            case STRING, STRUCT -> {
                int p = at;
                int end = at + len;
                for (int i = 1; p < end; i++) {
                    if (end - p < 4) throw new MalformedException("element length");
                    long n = StructReader.u32(b, p);
                    if (n > end - p - 4) throw new MalformedException("element");
                    int start = p + 4;
                    int size = (int) n;
                    p = start + size;
                    if (f.kind() == FieldKind.STRING) {
                        t.set(i, LuaString.valueOf(java.util.Arrays.copyOfRange(b, start, start + size)));
                    } else if (f.mainIndex() < 0) {
                        t.set(i, struct(f, b, start, size, depth));
                    } else {
                        keyed(f, t, struct(f, b, start, size, depth));
                    }
                }
            }
        }
    }

    /** An entry of a main-index array (stored under its key) or of a map (its key and value). */
    private static void keyed(Field f, LuaTable t, LuaTable entry) {
        if (f.map()) {
            LuaValue k = entry.get(f.mapKey());
            if (k.isnil()) throw new LuaError("Can't find key field in [" + f.name() + "]");
            LuaValue v = entry.get(f.mapValue());
            if (v.isnil()) throw new LuaError("Can't find value field in [" + f.name() + "]");
            t.set(k, v);
            return;
        }
        Field keyField = f.struct().byTag(f.mainIndex());
        LuaValue k = keyField == null ? LuaValue.NIL : entry.get(keyField.key());
        if (k.isnil()) throw new LuaError("Can't find main index (tag=" + f.mainIndex() + ") in [" + f.name() + "]");
        t.set(k, entry);
    }

    private static LuaValue integer(Field f, long v) {
        return f.scale() != 0 ? LuaValue.valueOf((double) v / f.scale()) : LuaInteger.valueOf(v);
    }

    private static LuaValue number(Field f, long bits) {
        return f.kind() == FieldKind.DOUBLE ? LuaValue.valueOf(Double.longBitsToDouble(bits)) : integer(f, bits);
    }
}
