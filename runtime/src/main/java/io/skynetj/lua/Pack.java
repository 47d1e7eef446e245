package io.skynetj.lua;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import java.util.Objects;

import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaInteger;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * skynet's {@code skynet.pack}/{@code skynet.unpack} wire format ({@code lualib-src/lua-seri.c}), byte for byte.
 *
 * <p>Each value is a type byte ({@code type | cookie << 3}) followed by little-endian data. LuaJ (Lua 5.2) has
 * no integer subtype, so numbers are classified by value: an integral finite number in [-2^63, 2^63) goes out in
 * the smallest integer form, anything else as a real. Decoded integers become LuaJ numbers: exact up to 2^53,
 * while int64 values beyond that are rounded to the nearest double (LuaJ has only int and double boxes).
 *
 * <p>Error messages are lua-seri's; the {@code (line:N)} of a decoding error is the line of the matching
 * {@code invalid_stream} call in current skynet's lua-seri.c.
 */
public final class Pack {
    private static final int MAX_DEPTH = 32;
    private static final int MAX_COOKIE = 32;

    private static final int TYPE_NIL = 0;
    private static final int TYPE_BOOLEAN = 1;
    private static final int TYPE_NUMBER = 2;
    private static final int TYPE_USERDATA = 3;
    private static final int TYPE_SHORT_STRING = 4;
    private static final int TYPE_LONG_STRING = 5;
    private static final int TYPE_TABLE = 6;

    private static final int NUMBER_ZERO = 0;
    private static final int NUMBER_BYTE = 1;
    private static final int NUMBER_WORD = 2;
    private static final int NUMBER_DWORD = 4;
    private static final int NUMBER_QWORD = 6;
    private static final int NUMBER_REAL = 8;

    /** The NaN that x86-64 arithmetic produces (0/0), which is what real skynet sends for {@code 0/0}. */
    private static final long X86_NAN = 0xfff8000000000000L;

    private static final LuaString PAIRS = LuaString.valueOf("__pairs");

    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.LITTLE_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private Pack() {
    }

    /** Packs arguments 1..narg(), nils included. */
    public static byte[] pack(Varargs args) {
        return pack(args, 1);
    }

    /** Packs arguments first..narg(), nils included. */
    public static byte[] pack(Varargs args, int first) {
        Writer w = new Writer();
        for (int i = first, n = args.narg(); i <= n; i++) {
            w.value(args.arg(i), 0);
        }
        return Arrays.copyOf(w.buf, w.pos);
    }

    public static Varargs unpack(byte[] buf) {
        return unpack(buf, 0, buf.length);
    }

    /**
     * A writer and a reader kept between the messages of one service (whose Lua code runs on one thread
     * at a time), so packing a send allocates only its bytes and unpacking allocates only the values.
     */
    static final class Scratch {
        private static final int KEPT_BYTES = 4096;
        private Writer writer = new Writer();
        private boolean packing;
        private final Reader reader = new Reader(null, 0, 0);

        /** {@link Pack#pack(Varargs, int)}; a pack within a pack (a {@code __pairs} that packs) gets its own writer. */
        byte[] pack(Varargs args, int first) {
            if (packing) return Pack.pack(args, first);
            packing = true;
            try {
                Writer w = writer;
                w.pos = 0;
                for (int i = first, n = args.narg(); i <= n; i++) w.value(args.arg(i), 0);
                byte[] out = Arrays.copyOf(w.buf, w.pos);
                if (w.buf.length > KEPT_BYTES) writer = new Writer();
                return out;
            } finally {
                packing = false;
            }
        }

        /** {@link Pack#unpack(byte[])}. */
        Varargs unpack(byte[] buf) {
            if (buf.length == 0) return LuaValue.NONE;
            reader.buf = buf;
            reader.pos = 0;
            reader.end = buf.length;
            try {
                return read(reader);
            } finally {
                reader.buf = null;
            }
        }
    }

    /** Unpacks every value in {@code buf[offset, offset+length)}; an empty range gives no values. */
    public static Varargs unpack(byte[] buf, int offset, int length) {
        Objects.checkFromIndexSize(offset, length, buf.length);
        if (length == 0) {
            return LuaValue.NONE;
        }
        return read(new Reader(buf, offset, offset + length));
    }

    private static Varargs read(Reader r) {
        try {
            LuaValue first = r.value();
            if (r.pos == r.end) {
                return first;
            }
            LuaValue[] values = {first, null, null, null};
            int n = 1;
            while (r.pos < r.end) {
                if (n == values.length) {
                    values = Arrays.copyOf(values, n * 2);
                }
                values[n++] = r.value();
            }
            return LuaValue.varargsOf(values, 0, n);
        } catch (StackOverflowError e) {
            // Unpack has no depth limit in skynet either, where hostile nesting ends in Lua's "stack overflow".
            throw new LuaError("stack overflow");
        }
    }

    private static final class Writer {
        byte[] buf = new byte[64];
        int pos;

        private void reserve(int n) {
            if (buf.length - pos < n) {
                buf = Arrays.copyOf(buf, Math.max(buf.length * 2, pos + n));
            }
        }

        private void put(int b) {
            reserve(1);
            buf[pos++] = (byte) b;
        }

        void value(LuaValue v, int depth) {
            if (depth > MAX_DEPTH) {
                throw new LuaError("serialize can't pack too depth table");
            }
            switch (v.type()) {
                case LuaValue.TNIL -> put(TYPE_NIL);
                case LuaValue.TBOOLEAN -> put(TYPE_BOOLEAN | (v.toboolean() ? 1 : 0) << 3);
                case LuaValue.TNUMBER -> number(v);
                case LuaValue.TSTRING -> string((LuaString) v);
                case LuaValue.TTABLE -> table((LuaTable) v, depth + 1);
                case LuaValue.TUSERDATA -> pointer(v);
                default -> throw new LuaError("Unsupport type " + v.typename() + " to serialize");
            }
        }

        /**
         * A light userdata goes out as its address; a message payload (skynet's msg pointer, e.g. what
         * skynet.pack returned) is kept at a new address until the receiver frees it (skynet.trash).
         */
        private void pointer(LuaValue v) {
            long address = Pointer.address(v);
            if (address == 0) {
                if (!(v.touserdata() instanceof byte[] b)) throw new LuaError("Unsupport type userdata to serialize");
                address = Pointer.address(Pointer.allocate(b));
            }
            reserve(9);
            buf[pos++] = TYPE_USERDATA;
            LONG.set(buf, pos, address);
            pos += 8;
        }

        /** Integers go out as integers (64 bits kept), floats as reals, as skynet's lua-seri does on Lua 5.4. */
        private void number(LuaValue v) {
            if (v instanceof LuaInteger) {
                integer(v.tolong());
                return;
            }
            double d = v.todouble();
            reserve(9);
            buf[pos++] = TYPE_NUMBER | NUMBER_REAL << 3;
            LONG.set(buf, pos, d != d ? X86_NAN : Double.doubleToRawLongBits(d));
            pos += 8;
        }

        /** lua-seri's wb_integer: 0 and 1/2-byte unsigned forms, else int32 (negatives too), else int64. */
        private void integer(long v) {
            reserve(9);
            if (v == 0) {
                buf[pos++] = TYPE_NUMBER | NUMBER_ZERO << 3;
            } else if (v != (int) v) {
                buf[pos++] = TYPE_NUMBER | NUMBER_QWORD << 3;
                LONG.set(buf, pos, v);
                pos += 8;
            } else if (v < 0 || v >= 0x10000) {
                buf[pos++] = TYPE_NUMBER | NUMBER_DWORD << 3;
                INT.set(buf, pos, (int) v);
                pos += 4;
            } else if (v < 0x100) {
                buf[pos++] = TYPE_NUMBER | NUMBER_BYTE << 3;
                buf[pos++] = (byte) v;
            } else {
                buf[pos++] = TYPE_NUMBER | NUMBER_WORD << 3;
                SHORT.set(buf, pos, (short) v);
                pos += 2;
            }
        }

        private void string(LuaString s) {
            int len = s.m_length;
            reserve(5 + len);
            if (len < MAX_COOKIE) {
                buf[pos++] = (byte) (TYPE_SHORT_STRING | len << 3);
            } else if (len < 0x10000) {
                buf[pos++] = TYPE_LONG_STRING | 2 << 3;
                SHORT.set(buf, pos, (short) len);
                pos += 2;
            } else {
                buf[pos++] = TYPE_LONG_STRING | 4 << 3;
                INT.set(buf, pos, len);
                pos += 4;
            }
            System.arraycopy(s.m_bytes, s.m_offset, buf, pos, len);
            pos += len;
        }

        /** {@code depth} is this table's nesting level; its keys and values are checked against it. */
        private void table(LuaTable t, int depth) {
            LuaValue pairs = t.metatag(PAIRS);
            if (!pairs.isnil()) {
                metapairs(t, pairs, depth);
                return;
            }
            // Array part: elements 1..border (nils included), the border being LuaJ's raw #t.
            int n = t.rawlen();
            if (n < MAX_COOKIE - 1) {
                put(TYPE_TABLE | n << 3);
            } else {
                put(TYPE_TABLE | (MAX_COOKIE - 1) << 3);
                integer(n);
            }
            for (int i = 1; i <= n; i++) {
                value(t.rawget(i), depth);
            }
            // Hash part: everything else in next() order. Keys 1..n are LuaIntegers: a table stores a float
            // key with an integer value as that integer.
            LuaValue k = LuaValue.NIL;
            for (Varargs e = t.next(k); !(k = e.arg1()).isnil(); e = t.next(k)) {
                if (k.isinttype() && k.toint() >= 1 && k.toint() <= n) {
                    continue;
                }
                value(k, depth);
                value(e.arg(2), depth);
            }
            put(TYPE_NIL);
        }

        /** lua-seri's wb_table_metapairs: cookie 0, then every pair the generic-for triple yields. */
        private void metapairs(LuaTable t, LuaValue pairs, int depth) {
            put(TYPE_TABLE);
            Varargs triple = pairs.invoke(t);
            LuaValue f = triple.arg1();
            LuaValue s = triple.arg(2);
            LuaValue k = triple.arg(3);
            for (;;) {
                Varargs kv = f.invoke(s, k);
                k = kv.arg1();
                if (k.isnil()) {
                    break;
                }
                value(k, depth);
                value(kv.arg(2), depth);
            }
            put(TYPE_NIL);
        }
    }

    private static final class Reader {
        byte[] buf;
        int end;
        int pos;

        Reader(byte[] buf, int pos, int end) {
            this.buf = buf;
            this.pos = pos;
            this.end = end;
        }

        /** lua-seri's invalid_stream: reports the unread byte count and the C source line. */
        private LuaError invalid(int line) {
            return new LuaError("Invalid serialize stream " + (end - pos) + " (line:" + line + ")");
        }

        private void need(long n, int line) {
            if (end - pos < n) {
                throw invalid(line);
            }
        }

        LuaValue value() {
            need(1, 528);
            int type = buf[pos++] & 0xff;
            int cookie = type >>> 3;
            switch (type & 7) {
                case TYPE_NIL:
                    return LuaValue.NIL;
                case TYPE_BOOLEAN:
                    return LuaValue.valueOf(cookie != 0);
                case TYPE_NUMBER:
                    if (cookie == NUMBER_REAL) {
                        need(8, 407);
                        double d = Double.longBitsToDouble((long) LONG.get(buf, pos));
                        pos += 8;
                        return LuaValue.valueOf(d);
                    }
                    return LuaInteger.valueOf(integer(cookie));
                case TYPE_SHORT_STRING:
                    return string(cookie);
                case TYPE_LONG_STRING:
                    if (cookie == 2) {
                        need(2, 493);
                        int len = (short) SHORT.get(buf, pos) & 0xffff;
                        pos += 2;
                        return string(len);
                    }
                    if (cookie != 4) {
                        throw invalid(500);
                    }
                    need(4, 504);
                    long len = (int) INT.get(buf, pos) & 0xffffffffL;
                    pos += 4;
                    return string(len);
                case TYPE_TABLE:
                    return table(cookie);
                case TYPE_USERDATA:
                    need(8, 427);
                    pos += 8;
                    return Pointer.value((long) LONG.get(buf, pos - 8));
                default:
                    throw invalid(517);
            }
        }

        /** lua-seri's get_integer: 1- and 2-byte forms are unsigned, 4- and 8-byte forms signed. */
        private long integer(int cookie) {
            switch (cookie) {
                case NUMBER_ZERO:
                    return 0;
                case NUMBER_BYTE:
                    need(1, 368);
                    return buf[pos++] & 0xff;
                case NUMBER_WORD:
                    need(2, 376);
                    pos += 2;
                    return (short) SHORT.get(buf, pos - 2) & 0xffff;
                case NUMBER_DWORD:
                    need(4, 384);
                    pos += 4;
                    return (int) INT.get(buf, pos - 4);
                case NUMBER_QWORD:
                    need(8, 392);
                    pos += 8;
                    return (long) LONG.get(buf, pos - 8);
                default:
                    throw invalid(397);
            }
        }

        private LuaString string(long len) {
            need(len, 427);
            LuaString s = LuaString.valueOf(buf, pos, (int) len);
            pos += (int) len;
            return s;
        }

        private LuaTable table(int cookie) {
            int n = cookie;
            if (cookie == MAX_COOKIE - 1) {
                need(1, 440);
                int type = buf[pos++] & 0xff;
                if ((type & 7) != TYPE_NUMBER || type >>> 3 == NUMBER_REAL) {
                    throw invalid(445);
                }
                n = (int) integer(type >>> 3); // truncated to a C int, as in lua-seri
            }
            // Every element takes at least one byte: never presize beyond what the stream can hold.
            LuaTable t = new LuaTable(Math.max(0, Math.min(n, end - pos)), 0);
            for (int i = 1; i <= n; i++) {
                t.rawset(i, value());
            }
            for (;;) {
                LuaValue k = value();
                if (k.isnil()) {
                    return t;
                }
                LuaValue v = value();
                if (k.type() == LuaValue.TNUMBER && Double.isNaN(k.todouble())) {
                    throw new LuaError("index is NaN"); // lua_rawset's error in Lua 5.4
                }
                t.rawset(k, v);
            }
        }
    }
}
