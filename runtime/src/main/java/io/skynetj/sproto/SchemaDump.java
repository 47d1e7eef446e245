package io.skynetj.sproto;

import java.util.ArrayList;
import java.util.List;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

/** sproto.core's dumpproto text and default tables. */
final class SchemaDump {
    private SchemaDump() {}

    static List<String> lines(SprotoSchema s) {
        List<String> out = new ArrayList<>();
        SprotoType[] types = s.types();
        out.add("=== " + types.length + " types ===");
        for (SprotoType t : types) {
            out.add(t.name());
            for (Field f : t.fields()) {
                StringBuilder line = new StringBuilder("\t").append(f.name()).append(" (").append(f.tag()).append(") ");
                if (f.array()) line.append('*');
                line.append(f.typeName());
                if (f.kind() == FieldKind.INTEGER && f.scale() > 0) line.append('(').append(f.scale()).append(')');
                if (f.mainIndex() >= 0) {
                    line.append(" key[").append(f.mainIndex()).append(']');
                    if (f.map()) line.append(" value[").append(f.struct().fields()[1].tag()).append(']');
                }
                out.add(line.toString());
            }
        }
        out.add("=== " + s.protocols().size() + " protocol ===");
        for (Protocol p : s.protocols()) {
            StringBuilder line = new StringBuilder("\t").append(p.name()).append(" (").append(p.tag()).append(") request:");
            line.append(p.request() == null ? "(null)" : p.request().name());
            if (p.response() != null) line.append(" response:").append(p.response().name());
            else if (p.confirm()) line.append(" response nil");
            out.add(line.toString());
        }
        return out;
    }

    /** Every field at its zero value; an array holds its element's in {@code __array}, a struct its type name in {@code __type}. */
    static LuaTable defaults(SprotoType t) {
        LuaTable d = new LuaTable();
        for (Field f : t.fields()) {
            if (f.array()) {
                LuaTable a = new LuaTable();
                a.rawset("__array", f.kind() == FieldKind.STRUCT ? LuaValue.valueOf(f.struct().name()) : zero(f));
                d.rawset(f.key(), a);
            } else if (f.kind() == FieldKind.STRUCT) {
                LuaTable s = new LuaTable();
                s.rawset("__type", f.struct().name());
                d.rawset(f.key(), s);
            } else {
                d.rawset(f.key(), zero(f));
            }
        }
        return d;
    }

    private static LuaValue zero(Field f) {
        return switch (f.kind()) {
            case INTEGER -> f.scale() != 0 ? LuaValue.valueOf(0.0) : LuaValue.ZERO;
            case DOUBLE -> LuaValue.valueOf(0.0);
            case BOOLEAN -> LuaValue.FALSE;
            case STRING -> LuaValue.EMPTYSTRING;
            case STRUCT -> throw new IllegalStateException("struct has no zero value");
        };
    }
}
