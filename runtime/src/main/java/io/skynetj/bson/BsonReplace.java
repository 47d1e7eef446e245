package io.skynetj.bson;

import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;

/** doc[key] = value after makeindex: overwrites a fixed-size field in place, keeping its type. */
final class BsonReplace {
    private BsonReplace() {}

    static void replace(BsonDocument d, LuaValue key, LuaValue value) {
        if (d.index == null) throw new LuaError("call makeindex first");
        Integer packed = key.isstring() ? d.index.get(key.tojstring()) : null;
        if (packed == null) throw new LuaError("Can't replace key : " + key.tojstring());
        int type = packed & 31;
        int at = packed >>> 5;
        byte[] b = d.bytes;
        switch (type) {
            case BsonType.REAL -> put64(b, at, Double.doubleToRawLongBits(value.checkdouble()));
            case BsonType.BOOLEAN -> b[at] = (byte) (value.toboolean() ? 1 : 0);
            case BsonType.INT32 -> {
                if (!value.isinttype()) throw new LuaError(value.todouble() + " must be a 32bit integer ");
                BsonEncoder.putInt(b, at, (int) value.tolong());
            }
            case BsonType.INT64 -> {
                if (!value.isinttype()) throw new LuaError(value.todouble() + " must be a 64bit integer ");
                put64(b, at, value.tolong());
            }
            case BsonType.OBJECTID, BsonType.DATE, BsonType.TIMESTAMP -> special(b, at, type, value);
            default -> throw new LuaError("Can't replace type " + type);
        }
    }

    private static void special(byte[] b, int at, int type, LuaValue value) {
        LuaString s = value.checkstring();
        int len = s.m_length;
        if (len < 6 || s.luaByte(0) != 0 || s.luaByte(1) != type) throw new LuaError("Type mismatch, need bson type " + type);
        switch (type) {
            case BsonType.OBJECTID -> {
                if (len != 14) throw new LuaError("Invalid object id");
                s.copyInto(2, b, at, 12);
            }
            case BsonType.DATE -> {
                if (len != 6) throw new LuaError("Invalid date");
                byte[] v = new byte[4];
                s.copyInto(2, v, 0, 4);
                put64(b, at, BsonEncoder.getInt(v, 0) * 1000L);
            }
            default -> {
                if (len != 10) throw new LuaError("Invalid timestamp");
                s.copyInto(2, b, at, 8);
            }
        }
    }

    private static void put64(byte[] b, int at, long v) {
        BsonEncoder.putInt(b, at, (int) v);
        BsonEncoder.putInt(b, at + 4, (int) (v >>> 32));
    }
}
