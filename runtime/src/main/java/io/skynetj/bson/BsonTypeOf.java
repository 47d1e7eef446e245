package io.skynetj.bson;

import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/** bson.type(v): the BSON type name of a Lua value, then what the value holds. */
final class BsonTypeOf {
    private BsonTypeOf() {}

    static Varargs of(Varargs a) {
        LuaValue v = a.arg1();
        switch (v.type()) {
            case LuaValue.TNUMBER:
                return LuaValue.varargsOf(LuaValue.valueOf("number"), v);
            case LuaValue.TBOOLEAN:
                return LuaValue.varargsOf(LuaValue.valueOf("boolean"), v);
            case LuaValue.TTABLE:
                return LuaValue.varargsOf(LuaValue.valueOf("table"), v);
            case LuaValue.TNIL:
                return LuaValue.valueOf("nil");
            case LuaValue.TSTRING: {
                LuaString s = v.checkstring();
                if (s.m_length >= 2 && s.luaByte(0) == 0) return special(s.luaByte(1), s.substring(2, s.m_length));
                return LuaValue.varargsOf(LuaValue.valueOf("string"), v);
            }
            default:
                throw new LuaError("Invalid type " + v.typename());
        }
    }

    private static Varargs special(int type, LuaString p) {
        byte[] b = new byte[p.m_length];
        p.copyInto(0, b, 0, b.length);
        switch (type) {
            case BsonType.BINARY:
                return LuaValue.varargsOf(LuaValue.valueOf("binary"), p.substring(1, p.m_length), LuaValue.valueOf(b[0] & 0xff));
            case BsonType.OBJECTID: {
                if (b.length != 12) throw new LuaError("Invalid object id");
                return LuaValue.varargsOf(LuaValue.valueOf("objectid"), LuaValue.valueOf(java.util.HexFormat.of().formatHex(b)));
            }
            case BsonType.DATE:
                if (b.length != 4) throw new LuaError("Invalid date");
                return LuaValue.varargsOf(LuaValue.valueOf("date"), LuaValue.valueOf((int) BsonEncoder.getInt(b, 0)));
            case BsonType.TIMESTAMP:
                if (b.length != 8) throw new LuaError("Invalid timestamp");
                return LuaValue.varargsOf(LuaValue.valueOf("timestamp"), LuaValue.valueOf(BsonEncoder.getInt(b, 4)),
                    LuaValue.valueOf(BsonEncoder.getInt(b, 0)));
            case BsonType.REGEX: {
                int n = b.length - 1;
                int split = n - 1;
                while (split >= 0 && b[split] != 0) split--;
                if (split < 0) throw new LuaError("Invalid regex");
                return LuaValue.varargsOf(LuaValue.valueOf("regex"), p.substring(0, split), p.substring(split + 1, n));
            }
            case BsonType.MINKEY:
                return LuaValue.valueOf("minkey");
            case BsonType.MAXKEY:
                return LuaValue.valueOf("maxkey");
            case BsonType.NULL:
                return LuaValue.valueOf("nil");
            case BsonType.JSCODE, BsonType.DBPOINTER, BsonType.SYMBOL, BsonType.CODEWS:
                return LuaValue.varargsOf(LuaValue.valueOf("unsupported"), p);
            case BsonType.INT64: {
                if (b.length != 8) throw new LuaError("Invalid int64");
                long v = BsonEncoder.getInt(b, 0) | BsonEncoder.getInt(b, 4) << 32;
                return LuaValue.varargsOf(LuaValue.valueOf("int64"), org.luaj.vm2.LuaInteger.valueOf(v));
            }
            default:
                throw new LuaError("Invalid subtype " + type);
        }
    }
}
