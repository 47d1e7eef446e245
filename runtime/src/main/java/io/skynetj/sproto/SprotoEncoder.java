package io.skynetj.sproto;

import java.util.Arrays;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * Lua table to sproto bytes. A struct is written as its slot header followed by its data parts;
 * the header is reserved at its largest size first and closed up once the fields present are known.
 */
final class SprotoEncoder {
    static final int MAX_SIZE = 0x1000000;
    static final int MAX_DEPTH = 64;
    private static final LuaString PAIRS = LuaString.valueOf("__pairs");

    private byte[] out = new byte[256];
    private int size;

    static byte[] encode(SprotoType type, LuaValue table) {
        SprotoEncoder e = new SprotoEncoder();
        e.struct(type, table, 0);
        return Arrays.copyOf(e.out, e.size);
    }

    private void struct(SprotoType type, LuaValue table, int depth) {
        Field[] fields = type.fields();
        if (depth >= MAX_DEPTH && fields.length > 0) throw new LuaError("The table is too deep");
        int header = size;
        int dataStart = header + 2 + 2 * type.maxSlots();
        reserve(dataStart - size);
        size = dataStart;
        int slots = 0;
        int lastTag = -1;
        for (Field f : fields) {
            LuaValue v = table.get(f.key());
            if (v.isnil()) continue;
            int slot = f.array() ? array(type, f, v, depth) : single(type, f, v, depth);
            int gap = f.tag() - lastTag - 1;
            if (gap > 0) {
                int skip = (gap - 1) * 2 + 1;
                if (skip > 0xffff) throw new LuaError("sproto tag gap too large in " + type.name());
                put16(header + 2 + 2 * slots++, skip);
            }
            put16(header + 2 + 2 * slots++, slot);
            lastTag = f.tag();
        }
        put16(header, slots);
        int used = header + 2 + 2 * slots;
        if (used != dataStart) {
            System.arraycopy(out, dataStart, out, used, size - dataStart);
            size -= dataStart - used;
        }
    }

    /** Writes a non-array value; returns its slot: the value itself when small, else 0 (data follows). */
    private int single(SprotoType type, Field f, LuaValue v, int depth) {
        switch (f.kind()) {
            case INTEGER -> {
                long n = integer(type, f, v, 0);
                if (n >> 31 == 0 || n >> 31 == -1) {
                    long u = n & 0xffffffffL;
                    if (u < 0x7fff) return (int) (u + 1) * 2;
                    length(4);
                    put32((int) n);
                } else {
                    length(8);
                    put64(n);
                }
                return 0;
            }
            case BOOLEAN -> {
                return (bool(type, f, v, 0) ? 2 : 1) * 2;
            }
            case DOUBLE -> {
                length(8);
                put64(Double.doubleToRawLongBits(number(v)));
                return 0;
            }
            case STRING -> {
                LuaString s = string(type, f, v, 0);
                length(s.m_length);
                putBytes(s);
                return 0;
            }
            case STRUCT -> {
                nested(f.struct(), v, depth);
                return 0;
            }
        }
        throw new IllegalStateException(f.kind().toString());
    }

    private int array(SprotoType type, Field f, LuaValue v, int depth) {
        LuaValue pairs = v.getmetatable() == null ? LuaValue.NIL : v.getmetatable().rawget(PAIRS);
        if (pairs.isnil() && !v.istable())
            throw new LuaError(type.name() + "." + f.name() + "(1) should be a table or an userdata with metamethods (Is a " + v.typename() + ")");
        int lengthAt = size;
        length(0);
        int start = size;
        if (f.mainIndex() >= 0) {
            keyed(f, v, pairs, depth);
        } else {
            switch (f.kind()) {
                case INTEGER, DOUBLE -> numbers(type, f, v);
                case BOOLEAN -> {
                    for (int i = 1; ; i++) {
                        LuaValue e = v.get(i);
                        if (e.isnil()) break;
                        reserve(1);
                        out[size++] = (byte) (bool(type, f, e, i) ? 1 : 0);
                    }
                }
                case STRING -> {
                    for (int i = 1; ; i++) {
                        LuaValue e = v.get(i);
                        if (e.isnil()) break;
                        LuaString s = string(type, f, e, i);
                        length(s.m_length);
                        putBytes(s);
                    }
                }
                case STRUCT -> {
                    for (int i = 1; ; i++) {
                        LuaValue e = v.get(i);
                        if (e.isnil()) break;
                        nested(f.struct(), e, depth);
                    }
                }
            }
        }
        patch32(lengthAt, size - start);
        return 0;
    }

    /** Integers (or doubles) as one width for all: 4 bytes each unless one of them needs 8. */
    private void numbers(SprotoType type, Field f, LuaValue v) {
        long[] values = new long[8];
        int n = 0;
        boolean wide = f.kind() == FieldKind.DOUBLE;
        for (int i = 1; ; i++) {
            LuaValue e = v.get(i);
            if (e.isnil()) break;
            long x = f.kind() == FieldKind.DOUBLE ? Double.doubleToRawLongBits(number(e)) : integer(type, f, e, i);
            if (x >> 31 != 0 && x >> 31 != -1) wide = true;
            if (n == values.length) values = Arrays.copyOf(values, n * 2);
            values[n++] = x;
        }
        if (n == 0) return;
        reserve(1);
        out[size++] = (byte) (wide ? 8 : 4);
        for (int i = 0; i < n; i++) {
            if (wide) put64(values[i]);
            else put32((int) values[i]);
        }
    }

    /** A main-index array or a map: the entries of the table in its own order. */
    private void keyed(Field f, LuaValue v, LuaValue pairs, int depth) {
        LuaValue iterator;
        LuaValue state;
        LuaValue k;
        if (pairs.isnil()) {
            iterator = null;
            state = v;
            k = LuaValue.NIL;
        } else {
            Varargs r = pairs.invoke(v);
            iterator = r.arg1();
            state = r.arg(2);
            k = r.arg(3);
        }
        for (;;) {
            Varargs kv = iterator == null ? state.next(k) : iterator.invoke(state, k);
            k = kv.arg1();
            if (k.isnil()) break;
            LuaValue value = kv.arg(2);
            if (f.map()) {
                LuaTable entry = new LuaTable();
                entry.set(f.mapKey(), k);
                entry.set(f.mapValue(), value);
                value = entry;
            }
            nested(f.struct(), value, depth);
        }
    }

    private void nested(SprotoType type, LuaValue v, int depth) {
        int lengthAt = size;
        length(0);
        int start = size;
        struct(type, v, depth + 1);
        patch32(lengthAt, size - start);
    }

    private static long integer(SprotoType type, Field f, LuaValue v, int index) {
        if (f.scale() != 0) return roundHalfAway(number(v) * f.scale());
        LuaValue n = v.tonumber();
        if (!n.isnil()) {
            long l = n.tolong();
            if ((double) l == n.todouble()) return l;
        }
        throw new LuaError(type.name() + "." + f.name() + "[" + index + "] is not an integer (Is a " + v.typename() + ")");
    }

    /** C's round(): halves away from zero. */
    private static long roundHalfAway(double x) {
        double t = x >= 0 ? Math.floor(x) : Math.ceil(x);
        if (Math.abs(x - t) >= 0.5) t += Math.signum(x);
        return (long) t;
    }

    /** lua_tonumber: 0 for what is not a number. */
    private static double number(LuaValue v) {
        LuaValue n = v.tonumber();
        return n.isnil() ? 0 : n.todouble();
    }

    private static boolean bool(SprotoType type, Field f, LuaValue v, int index) {
        if (!v.isboolean())
            throw new LuaError(type.name() + "." + f.name() + "[" + index + "] is not a boolean (Is a " + v.typename() + ")");
        return v.toboolean();
    }

    private static LuaString string(SprotoType type, Field f, LuaValue v, int index) {
        if (v.type() != LuaValue.TSTRING)
            throw new LuaError(type.name() + "." + f.name() + "[" + index + "] is not a string (Is a " + v.typename() + ")");
        return v.checkstring();
    }

    private void reserve(int n) {
        if ((long) size + n > MAX_SIZE) throw new LuaError("object is too large (>" + MAX_SIZE + ")");
        if (size + n > out.length) out = Arrays.copyOf(out, Math.min(MAX_SIZE, Math.max(size + n, out.length * 2)));
    }

    private void length(int n) {
        reserve(4);
        patch32(size, n);
        size += 4;
    }

    private void patch32(int at, int v) {
        out[at] = (byte) v;
        out[at + 1] = (byte) (v >> 8);
        out[at + 2] = (byte) (v >> 16);
        out[at + 3] = (byte) (v >> 24);
    }

    private void put16(int at, int v) {
        out[at] = (byte) v;
        out[at + 1] = (byte) (v >> 8);
    }

    private void put32(int v) {
        reserve(4);
        patch32(size, v);
        size += 4;
    }

    private void put64(long v) {
        put32((int) v);
        put32((int) (v >>> 32));
    }

    private void putBytes(LuaString s) {
        reserve(s.m_length);
        s.copyInto(0, out, size, s.m_length);
        size += s.m_length;
    }
}
