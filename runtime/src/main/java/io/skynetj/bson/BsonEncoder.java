package io.skynetj.bson;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/** Lua values to BSON, with skynet's rules: special values are strings "\0" + type + payload. */
final class BsonEncoder {
    private static final int MAX_DEPTH = 128;
    private final Out out = new Out();

    /** A byte buffer whose length fields can be filled in once known. */
    private static final class Out extends ByteArrayOutputStream {
        void patchInt(int at, int v) {
            putInt(buf, at, v);
        }
    }

    static byte[] document(LuaValue t) {
        BsonEncoder e = new BsonEncoder();
        LuaValue pairs = t.getmetatable() == null ? LuaValue.NIL : t.getmetatable().rawget("__pairs");
        if (pairs.isnil()) e.dict(t, 0);
        else e.metaDict(t, pairs, 0);
        return e.out.toByteArray();
    }

    /** bson.encode_order(k1, v1, k2, v2, ...) */
    static byte[] ordered(Varargs a) {
        BsonEncoder e = new BsonEncoder();
        int start = e.reserveLength();
        for (int i = 1; i <= a.narg(); i += 2) {
            // lua_tolstring: a number key becomes its string
            if (!a.arg(i).isstring()) throw new LuaError("Argument " + i + " need a string");
            e.element(a.arg(i).strvalue(), a.arg(i + 1), 0);
        }
        e.patchLength(start);
        return e.out.toByteArray();
    }

    private int reserveLength() {
        int at = out.size();
        out.writeBytes(new byte[4]);
        return at;
    }

    private void patchLength(int start) {
        out.write(0);
        out.patchInt(start, out.size() - start);
    }

    private void dict(LuaValue t, int depth) {
        int start = reserveLength();
        for (Varargs kv = t.next(LuaValue.NIL); !kv.arg1().isnil(); kv = t.next(kv.arg1())) entry(kv.arg1(), kv.arg(2), depth);
        patchLength(start);
    }

    private void metaDict(LuaValue t, LuaValue pairs, int depth) {
        int start = reserveLength();
        Varargs it = pairs.invoke(t);
        LuaValue f = it.arg1();
        LuaValue s = it.arg(2);
        LuaValue k = it.arg(3);
        for (;;) {
            Varargs kv = f.invoke(s, k);
            k = kv.arg1();
            if (k.isnil()) break;
            entry(k, kv.arg(2), depth);
        }
        patchLength(start);
    }

    private void entry(LuaValue k, LuaValue v, int depth) {
        if (k.type() == LuaValue.TNUMBER) throw new LuaError("Bson dictionary's key can't be number");
        if (k.type() != LuaValue.TSTRING) throw new LuaError("Invalid key type : " + k.typename());
        element(k.checkstring(), v, depth);
    }

    private void array(LuaValue t, long length, int depth) {
        int start = reserveLength();
        for (long i = 1; i <= length; i++) element(LuaString.valueOf(Long.toString(i - 1)), t.get(LuaValue.valueOf(i)), depth);
        patchLength(start);
    }

    private void key(int type, LuaString key) {
        out.write(type);
        cstring(key.m_bytes, key.m_offset, key.m_length);
    }

    private void element(LuaString key, LuaValue v, int depth) {
        switch (v.type()) {
            case LuaValue.TNUMBER -> {
                if (v.isinttype()) {
                    long l = v.tolong();
                    if (l == (int) l) {
                        key(BsonType.INT32, key);
                        int32((int) l);
                    } else {
                        key(BsonType.INT64, key);
                        int64(l);
                    }
                } else {
                    key(BsonType.REAL, key);
                    int64(Double.doubleToRawLongBits(v.todouble()));
                }
            }
            case LuaValue.TUSERDATA, LuaValue.TLIGHTUSERDATA -> {
                if (!(v.touserdata() instanceof BsonDocument d)) throw new LuaError("Invalid value type : userdata");
                key(BsonType.DOCUMENT, key);
                out.writeBytes(d.bytes);
            }
            case LuaValue.TSTRING -> string(key, v.checkstring());
            case LuaValue.TTABLE -> table(key, v, depth + 1);
            case LuaValue.TBOOLEAN -> {
                key(BsonType.BOOLEAN, key);
                out.write(v.toboolean() ? 1 : 0);
            }
            case LuaValue.TNIL -> throw new LuaError("Bson array has a hole (nil), Use bson.null instead");
            default -> throw new LuaError("Invalid value type : " + v.typename());
        }
    }

    private void string(LuaString key, LuaString s) {
        byte[] b = s.m_bytes;
        int o = s.m_offset;
        int len = s.m_length;
        if (len <= 1 || b[o] != 0) {
            key(BsonType.STRING, key);
            int32(len + 1);
            cstring(b, o, len);
            return;
        }
        int sub = b[o + 1] & 0xff;
        key(sub, key);
        switch (sub) {
            case BsonType.BINARY -> {
                int32(len - 3);
                out.write(b, o + 2, len - 2);
            }
            case BsonType.OBJECTID, BsonType.JSCODE, BsonType.DBPOINTER, BsonType.SYMBOL, BsonType.CODEWS -> {
                if (sub == BsonType.OBJECTID && len != 14) throw new LuaError("Invalid object id " + s.substring(2, len).tojstring());
                out.write(b, o + 2, len - 2);
            }
            case BsonType.DATE -> {
                if (len != 6) throw new LuaError("Invalid date");
                int64(getInt(b, o + 2) * 1000L);
            }
            case BsonType.TIMESTAMP -> {
                if (len != 10) throw new LuaError("Invalid timestamp");
                out.write(b, o + 2, 8);
            }
            case BsonType.REGEX -> {
                // "\0\11" pattern "\0" options "\0": the options start after the last zero before the end
                int end = o + len - 1;
                int split = end - 1;
                while (split >= o + 2 && b[split] != 0) split--;
                if (split < o + 2) throw new LuaError("Invalid regex");
                cstring(b, o + 2, split - (o + 2));
                cstring(b, split + 1, end - split - 1);
            }
            case BsonType.MINKEY, BsonType.MAXKEY, BsonType.NULL -> {
            }
            case BsonType.INT64 -> {
                if (len != 10) throw new LuaError("Invalid int64");
                out.write(b, o + 2, 8);
            }
            default -> throw new LuaError("Invalid subtype " + sub);
        }
    }

    private void table(LuaString key, LuaValue t, int depth) {
        if (depth > MAX_DEPTH) throw new LuaError("Too depth while encoding bson");
        LuaValue mt = t.getmetatable();
        LuaValue len = mt == null ? LuaValue.NIL : mt.rawget("__len");
        LuaValue pairs = mt == null ? LuaValue.NIL : mt.rawget("__pairs");
        if (!len.isnil()) {
            LuaValue n = len.call(t);
            if (!n.isinttype()) throw new LuaError("__len should return integer");
            key(BsonType.ARRAY, key);
            array(t, n.tolong(), depth);
        } else if (!pairs.isnil()) {
            key(BsonType.DOCUMENT, key);
            metaDict(t, pairs, depth);
        } else if (isArray(t)) {
            key(BsonType.ARRAY, key);
            array(t, t.rawlen(), depth);
        } else {
            key(BsonType.DOCUMENT, key);
            dict(t, depth);
        }
    }

    /** skynet's test: the first key next() gives is 1, or an integer within the border. */
    private static boolean isArray(LuaValue t) {
        LuaValue first = t.next(LuaValue.NIL).arg1();
        if (first.isnil()) return false;
        long k = first.isinttype() ? first.tolong() : 0;
        return k <= 1 ? k > 0 : k <= t.rawlen();
    }

    /** A key or string: must be valid UTF-8 (skynet checks), then a terminating zero. */
    private void cstring(byte[] b, int o, int len) {
        if (!validUtf8(b, o, len)) throw new LuaError("Invalid utf8 string");
        out.write(b, o, len);
        out.write(0);
    }

    private static boolean validUtf8(byte[] b, int o, int len) {
        try {
            StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(b, o, len));
            return true;
        } catch (java.nio.charset.CharacterCodingException e) {
            return false;
        }
    }

    private void int32(int v) {
        out.write(v);
        out.write(v >> 8);
        out.write(v >> 16);
        out.write(v >> 24);
    }

    private void int64(long v) {
        int32((int) v);
        int32((int) (v >>> 32));
    }

    static long getInt(byte[] b, int at) {
        return (b[at] & 0xffL) | (b[at + 1] & 0xffL) << 8 | (b[at + 2] & 0xffL) << 16 | (b[at + 3] & 0xffL) << 24;
    }

    static void putInt(byte[] b, int at, int v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >> 8);
        b[at + 2] = (byte) (v >> 16);
        b[at + 3] = (byte) (v >> 24);
    }
}
