package io.skynetj.lua.lib;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaInteger;
import org.luaj.vm2.LuaNumbers;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * Lua 5.3's {@code string.pack}, {@code string.unpack} and {@code string.packsize}, ported from
 * lstrlib.c (5.3.6) with its error messages, for a 64-bit little-endian platform (int 4, long/size_t
 * 8, maximum alignment 8). skynet's Lua code and sproto-style protocols use them although the rest of
 * the language here is Lua 5.2.
 *
 * <p>LuaJ numbers are doubles beyond the 32-bit range, so integers of magnitude above 2^53 lose their
 * low bits on the way in and out (unpack of {@code j} with 2^53+1 yields 2^53).
 */
public final class StringPack {
    private static final int MAXINTSIZE = 16;
    private static final int SZINT = 8; // sizeof(lua_Integer)
    private static final int MAXALIGN = 8;
    private static final long MAXSIZE = Integer.MAX_VALUE; // lstrlib.c's MAXSIZE where size_t > int

    private enum Kind { INT, UINT, FLOAT, CHAR, STRING, ZSTR, PADDING, PADDALIGN, NOP }

    private StringPack() {}

    /** Adds pack, unpack and packsize to a {@code string} library table. */
    public static void install(LuaTable string) {
        string.set("pack", LuaFn.of("pack", StringPack::pack));
        string.set("unpack", LuaFn.of("unpack", StringPack::unpack));
        string.set("packsize", LuaFn.of("packsize", StringPack::packsize));
    }

    /** Reads one format string: options, endianness and maximum alignment as they change. */
    private static final class Format {
        final LuaString fmt;
        final String fn;
        int at;
        boolean little = true;
        int maxalign = 1;
        // the option just read
        Kind kind;
        int size;
        int ntoalign;

        Format(LuaString fmt, String fn) {
            this.fmt = fmt;
            this.fn = fn;
        }

        boolean more() {
            return at < fmt.length();
        }

        private boolean digit() {
            return more() && Character.isDigit(fmt.luaByte(at));
        }

        private int num(int df) {
            if (!digit()) return df;
            int a = 0;
            do a = a * 10 + (fmt.luaByte(at++) - '0');
            while (digit() && a <= ((int) MAXSIZE - 9) / 10);
            return a;
        }

        private int numlimit(int df) {
            int sz = num(df);
            if (sz > MAXINTSIZE || sz <= 0)
                throw new LuaError("integral size (" + sz + ") out of limits [1," + MAXINTSIZE + "]");
            return sz;
        }

        /** getoption: the next option's kind, its size in {@code size}. */
        private Kind option() {
            int opt = fmt.luaByte(at++);
            size = 0;
            switch (opt) {
                case 'b': size = 1; return Kind.INT;
                case 'B': size = 1; return Kind.UINT;
                case 'h': size = 2; return Kind.INT;
                case 'H': size = 2; return Kind.UINT;
                case 'l', 'j': size = 8; return Kind.INT;
                case 'L', 'J', 'T': size = 8; return Kind.UINT;
                case 'f': size = 4; return Kind.FLOAT;
                case 'd', 'n': size = 8; return Kind.FLOAT;
                case 'i': size = numlimit(4); return Kind.INT;
                case 'I': size = numlimit(4); return Kind.UINT;
                case 's': size = numlimit(8); return Kind.STRING;
                case 'c':
                    size = num(-1);
                    if (size == -1) throw new LuaError("missing size for format option 'c'");
                    return Kind.CHAR;
                case 'z': return Kind.ZSTR;
                case 'x': size = 1; return Kind.PADDING;
                case 'X': return Kind.PADDALIGN;
                case ' ': break;
                case '<', '=': little = true; break; // native order is little-endian
                case '>': little = false; break;
                case '!': maxalign = numlimit(MAXALIGN); break;
                default: throw new LuaError("invalid format option '" + (char) opt + "'");
            }
            return Kind.NOP;
        }

        /** getdetails: reads the next option and the padding it needs at offset {@code total}. */
        void next(long total) {
            kind = option();
            int align = size;
            if (kind == Kind.PADDALIGN) { // 'X' aligns as the option after it, which it consumes
                if (!more() || option() == Kind.CHAR || size == 0) argerror(fn, 1, "invalid next option for option 'X'");
                align = size;
                size = 0; // 'X' itself takes no room
            }
            if (align <= 1 || kind == Kind.CHAR) {
                ntoalign = 0;
            } else {
                align = Math.min(align, maxalign);
                if ((align & (align - 1)) != 0) argerror(fn, 1, "format asks for alignment not power of 2");
                ntoalign = (align - (int) (total & (align - 1))) & (align - 1);
            }
        }
    }

    private static Varargs pack(Varargs given) {
        Format f = new Format(checkstring(given, 1, "pack"), "pack");
        // lstrlib's pack pushes a nil mark after its arguments, so the first missing one reads as "nil"
        LuaValue[] withMark = new LuaValue[given.narg() + 1];
        for (int i = 0; i < given.narg(); i++) withMark[i] = given.arg(i + 1);
        withMark[given.narg()] = LuaValue.NIL;
        Varargs args = LuaValue.varargsOf(withMark);
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int arg = 1;
        while (f.more()) {
            f.next(b.size());
            // Lua checks this only in packsize; here it keeps a bad format from exhausting the heap
            if ((long) b.size() + f.ntoalign + f.size > MAXSIZE) argerror("pack", 1, "format result too large");
            for (int i = 0; i < f.ntoalign; i++) b.write(0);
            int size = f.size;
            switch (f.kind) {
                case INT -> {
                    long n = checkinteger(args, ++arg, "pack");
                    if (size < SZINT) {
                        long lim = 1L << (size * 8 - 1);
                        if (n < -lim || n >= lim) argerror("pack", arg, "integer overflow");
                    }
                    packint(b, n, f.little, size, n < 0);
                }
                case UINT -> {
                    long n = checkinteger(args, ++arg, "pack");
                    if (size < SZINT && Long.compareUnsigned(n, 1L << (size * 8)) >= 0) argerror("pack", arg, "unsigned overflow");
                    packint(b, n, f.little, size, false);
                }
                case FLOAT -> {
                    double n = checknumber(args, ++arg, "pack");
                    long bits = size == 4 ? Float.floatToRawIntBits((float) n) : Double.doubleToRawLongBits(n);
                    packint(b, bits, f.little, size, false);
                }
                case CHAR -> {
                    LuaString s = checkstring(args, ++arg, "pack");
                    if (s.length() > size) argerror("pack", arg, "string longer than given size");
                    write(b, s);
                    for (int i = s.length(); i < size; i++) b.write(0);
                }
                case STRING -> {
                    LuaString s = checkstring(args, ++arg, "pack");
                    if (size < SZINT && s.length() >= 1L << (size * 8)) argerror("pack", arg, "string length does not fit in given size");
                    packint(b, s.length(), f.little, size, false);
                    write(b, s);
                }
                case ZSTR -> {
                    LuaString s = checkstring(args, ++arg, "pack");
                    if (s.indexOf((byte) 0, 0) >= 0) argerror("pack", arg, "string contains zeros");
                    write(b, s);
                    b.write(0);
                }
                case PADDING -> b.write(0);
                case PADDALIGN, NOP -> {}
            }
        }
        return LuaString.valueUsing(b.toByteArray());
    }

    private static Varargs packsize(Varargs args) {
        Format f = new Format(checkstring(args, 1, "packsize"), "packsize");
        long total = 0;
        while (f.more()) {
            f.next(total);
            long size = f.size + f.ntoalign;
            if (total > MAXSIZE - size) argerror("packsize", 1, "format result too large");
            total += size;
            if (f.kind == Kind.STRING || f.kind == Kind.ZSTR) argerror("packsize", 1, "variable-length format");
        }
        return LuaValue.valueOf(total);
    }

    private static Varargs unpack(Varargs args) {
        Format f = new Format(checkstring(args, 1, "unpack"), "unpack");
        LuaString data = checkstring(args, 2, "unpack");
        int ld = data.length();
        long init = args.isnoneornil(3) ? 1 : checkinteger(args, 3, "unpack");
        // posrelat, then 0-based; a position before the start wraps to a huge size_t in C
        long pos = (init >= 0 ? init : -init > ld ? 0 : ld + init + 1) - 1;
        if (pos < 0 || pos > ld) argerror("unpack", 3, "initial position out of string");
        List<LuaValue> out = new ArrayList<>();
        while (f.more()) {
            f.next(pos);
            int size = f.size;
            if (pos + f.ntoalign + size > ld) argerror("unpack", 2, "data string too short");
            pos += f.ntoalign;
            int p = (int) pos;
            switch (f.kind) {
                case INT, UINT -> out.add(integer(unpackint(data, p, f.little, size, f.kind == Kind.INT)));
                case FLOAT -> {
                    long bits = unpackint(data, p, f.little, size, false);
                    out.add(LuaValue.valueOf(size == 4 ? Float.intBitsToFloat((int) bits) : Double.longBitsToDouble(bits)));
                }
                case CHAR -> out.add(data.substring(p, p + size));
                case STRING -> {
                    long len = unpackint(data, p, f.little, size, false);
                    if (len < 0 || pos + len + size > ld) argerror("unpack", 2, "data string too short");
                    out.add(data.substring(p + size, p + size + (int) len));
                    pos += len;
                }
                case ZSTR -> {
                    int end = data.indexOf((byte) 0, p);
                    if (end < 0) argerror("unpack", 2, "unfinished string for format 'z'");
                    out.add(data.substring(p, end));
                    pos += end - p + 1;
                }
                case PADDING, PADDALIGN, NOP -> {}
            }
            pos += size;
        }
        out.add(LuaValue.valueOf(pos + 1));
        return LuaValue.varargsOf(out.toArray(new LuaValue[0]));
    }

    /** Writes the low {@code size} bytes of n; bytes beyond 8 are sign bytes. */
    private static void packint(ByteArrayOutputStream b, long n, boolean little, int size, boolean neg) {
        byte[] buf = new byte[size];
        for (int i = 0; i < size; i++) {
            byte v = i < SZINT ? (byte) (n >>> (8 * i)) : neg ? (byte) 0xff : 0;
            buf[little ? i : size - 1 - i] = v;
        }
        b.write(buf, 0, size);
    }

    private static long unpackint(LuaString s, int p, boolean little, int size, boolean signed) {
        long res = 0;
        int limit = Math.min(size, SZINT);
        for (int i = limit - 1; i >= 0; i--)
            res = (res << 8) | s.luaByte(p + (little ? i : size - 1 - i));
        if (size < SZINT) {
            if (signed) {
                long mask = 1L << (size * 8 - 1);
                res = (res ^ mask) - mask;
            }
        } else if (size > SZINT) { // the extra bytes must only extend the sign
            int mask = !signed || res >= 0 ? 0 : 0xff;
            for (int i = limit; i < size; i++)
                if (s.luaByte(p + (little ? i : size - 1 - i)) != mask)
                    throw new LuaError(size + "-byte integer does not fit into Lua Integer");
        }
        return res;
    }

    private static void write(ByteArrayOutputStream b, LuaString s) {
        b.write(s.m_bytes, s.m_offset, s.m_length);
    }

    /** An integer result: exact in 64 bits once the VM has Lua 5.4's integers (valueOf(long)). */
    private static LuaValue integer(long n) {
        return LuaValue.valueOf(n);
    }

    /** luaL_checkinteger: an integer, or a float or numeral with an exact integer value. */
    private static long checkinteger(Varargs args, int arg, String fn) {
        return Args.integer(args, arg, fn);
    }

    private static double checknumber(Varargs args, int arg, String fn) {
        LuaValue v = args.arg(arg);
        if (!v.isnumber()) argerror(fn, arg, "number expected, got " + typename(args, arg));
        return v.todouble();
    }

    private static LuaString checkstring(Varargs args, int arg, String fn) {
        LuaValue v = args.arg(arg);
        if (!v.isstring()) argerror(fn, arg, "string expected, got " + typename(args, arg));
        return v.strvalue();
    }

    private static String typename(Varargs args, int arg) {
        return Args.got(args, arg);
    }

    private static void argerror(String fn, int arg, String msg) {
        throw new LuaError("bad argument #" + arg + " to '" + fn + "' (" + msg + ")");
    }
}
