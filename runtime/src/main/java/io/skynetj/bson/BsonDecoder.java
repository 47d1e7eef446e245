package io.skynetj.bson;

import java.util.HashMap;
import java.util.Map;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaInteger;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

/** BSON to Lua tables; the types without a Lua counterpart become skynet's "\0" + type strings. */
final class BsonDecoder {
    private final byte[] b;
    private int at;
    private int end;

    private BsonDecoder(byte[] b) {
        this.b = b;
    }

    static LuaTable decode(byte[] bytes) {
        BsonDecoder d = new BsonDecoder(bytes);
        d.end = bytes.length;
        return d.document(false);
    }

    private LuaTable document(boolean array) {
        int size = int32();
        int limit = at + size - 5;
        if (size < 5 || limit + 1 > end) throw new LuaError("Invalid bson block");
        if (b[limit] != 0) throw new LuaError("Invalid document end");
        int outer = end;
        end = limit;
        LuaTable t = new LuaTable();
        while (at < end) {
            int type = u8();
            LuaString key = cstring();
            LuaValue k = array ? LuaValue.valueOf(arrayIndex(key) + 1) : key;
            t.rawset(k, value(type));
        }
        end = outer;
        at = limit + 1;
        return t;
    }

    private static long arrayIndex(LuaString key) {
        long n = 0;
        for (int i = 0; i < key.m_length; i++) {
            int c = key.luaByte(i);
            if (c < '0' || c > '9') break;
            n = n * 10 + (c - '0');
        }
        return n;
    }

    private LuaValue value(int type) {
        switch (type) {
            case BsonType.REAL:
                return LuaValue.valueOf(Double.longBitsToDouble(int64()));
            case BsonType.BOOLEAN:
                return LuaValue.valueOf(u8() != 0);
            case BsonType.STRING: {
                int n = int32();
                if (n <= 0) throw new LuaError("Invalid bson string , length = " + n);
                LuaString s = LuaString.valueOf(bytes(n), 0, n - 1);
                return s;
            }
            case BsonType.DOCUMENT:
                return document(false);
            case BsonType.ARRAY:
                return document(true);
            case BsonType.BINARY: {
                int n = int32();
                int sub = u8();
                byte[] data = bytes(n);
                byte[] v = new byte[n + 3];
                v[1] = BsonType.BINARY;
                v[2] = (byte) sub;
                System.arraycopy(data, 0, v, 3, n);
                return LuaString.valueUsing(v);
            }
            case BsonType.OBJECTID:
                return special(BsonType.OBJECTID, bytes(12));
            case BsonType.DATE: {
                long ms = int64();
                long seconds = ms / 1000;
                return special(BsonType.DATE, new byte[] {(byte) seconds, (byte) (seconds >> 8), (byte) (seconds >> 16), (byte) (seconds >> 24)});
            }
            case BsonType.MINKEY, BsonType.MAXKEY, BsonType.NULL:
                return special(type, new byte[0]);
            case BsonType.REGEX: {
                LuaString pattern = cstring();
                LuaString options = cstring();
                byte[] v = new byte[pattern.m_length + options.m_length + 2];
                pattern.copyInto(0, v, 0, pattern.m_length);
                options.copyInto(0, v, pattern.m_length + 1, options.m_length);
                return special(BsonType.REGEX, v);
            }
            case BsonType.INT32:
                return LuaValue.valueOf(int32());
            case BsonType.TIMESTAMP:
                return special(BsonType.TIMESTAMP, bytes(8));
            case BsonType.INT64:
                return LuaInteger.valueOf(int64());
            case BsonType.DBPOINTER: {
                int start = at;
                int n = int32();
                bytes(n + 12);
                return special(type, java.util.Arrays.copyOfRange(b, start, at));
            }
            case BsonType.JSCODE, BsonType.SYMBOL: {
                int start = at;
                int n = int32();
                bytes(n);
                return special(type, java.util.Arrays.copyOfRange(b, start, at));
            }
            case BsonType.CODEWS: {
                int start = at;
                int n = int32();
                bytes(n - 4);
                return special(type, java.util.Arrays.copyOfRange(b, start, at));
            }
            default:
                throw new LuaError("Invalid bson type : " + type);
        }
    }

    static LuaString special(int type, byte[] payload) {
        byte[] v = new byte[payload.length + 2];
        v[1] = (byte) type;
        System.arraycopy(payload, 0, v, 2, payload.length);
        return LuaString.valueUsing(v);
    }

    /** makeindex: where each top-level fixed-size field's value is, packed as type | offset << 5. */
    static Map<String, Integer> index(byte[] bytes) {
        BsonDecoder d = new BsonDecoder(bytes);
        d.at = 4;
        d.end = (int) BsonEncoder.getInt(bytes, 0) - 1;
        Map<String, Integer> index = new HashMap<>();
        while (d.at < d.end) {
            int type = d.u8();
            String key = d.cstring().tojstring();
            int size = switch (type) {
                case BsonType.INT64, BsonType.TIMESTAMP, BsonType.DATE, BsonType.REAL -> 8;
                case BsonType.BOOLEAN -> 1;
                case BsonType.OBJECTID -> 12;
                case BsonType.INT32 -> 4;
                default -> 0;
            };
            if (size > 0) {
                index.put(key, type | d.at << 5);
                d.bytes(size);
            } else {
                d.value(type);
            }
        }
        return index;
    }

    private void need(int n) {
        if (n < 0 || end - at < n) throw new LuaError("Invalid bson block");
    }

    private int u8() {
        need(1);
        return b[at++] & 0xff;
    }

    private int int32() {
        need(4);
        int v = (int) BsonEncoder.getInt(b, at);
        at += 4;
        return v;
    }

    private long int64() {
        need(8);
        long v = BsonEncoder.getInt(b, at) | BsonEncoder.getInt(b, at + 4) << 32;
        at += 8;
        return v;
    }

    private byte[] bytes(int n) {
        need(n);
        byte[] v = java.util.Arrays.copyOfRange(b, at, at + n);
        at += n;
        return v;
    }

    private LuaString cstring() {
        int start = at;
        while (at < end && b[at] != 0) at++;
        if (at >= end) throw new LuaError("Invalid bson block");
        LuaString s = LuaString.valueOf(java.util.Arrays.copyOfRange(b, start, at));
        at++;
        return s;
    }
}
