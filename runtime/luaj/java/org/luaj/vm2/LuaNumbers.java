package org.luaj.vm2;

import java.nio.charset.StandardCharsets;

// skynetj's own class (not LuaJ's), compiled into LuaJ's package with the patched sources: see runtime/luaj/README.md.
/**
 * Lua 5.4's two number subtypes, integer ({@link LuaInteger}, 64 bits) and float ({@link LuaDouble}),
 * and what the patched value classes share about them: reading numerals, printing floats, exact
 * comparisons across the subtypes, and the operators' slow paths (mixed subtypes, strings,
 * metamethods, errors) with Lua 5.4.4's texts. The fast paths (two integers, two floats) stay inline
 * in LuaInteger and LuaDouble.
 *
 * <p>Java code that makes Lua integers uses {@code LuaValue.valueOf(long)} (or {@code valueOf(int)});
 * {@code LuaValue.valueOf(double)} always makes a float, as {@code 1.0} is in Lua 5.4.
 */
public final class LuaNumbers {
    private LuaNumbers() {}

    /** Binary and unary operators, in Lua 5.4's order of events. */
    public static final int ADD = 0, SUB = 1, MUL = 2, MOD = 3, POW = 4, DIV = 5, IDIV = 6,
            BAND = 7, BOR = 8, BXOR = 9, SHL = 10, SHR = 11, UNM = 12, BNOT = 13;

    private static final String[] NAMES = {"add", "sub", "mul", "mod", "pow", "div", "idiv",
            "band", "bor", "bxor", "shl", "shr", "unm", "bnot"};
    private static final LuaString[] EVENTS = new LuaString[NAMES.length];
    static {
        for (int op = 0; op < NAMES.length; op++) EVENTS[op] = LuaString.valueOf("__" + NAMES[op]);
    }

    /** The metamethod name of an operator, e.g. {@code __idiv}. */
    public static LuaString event(int op) {
        return EVENTS[op];
    }

    private static final double TWO63 = 0x1p63;

    // ---------------------------------------------------------------- strings to numbers

    /** The number a string spells as Lua 5.4 reads it (lua_stringtonumber), or null. */
    public static LuaNumber parse(LuaString s) {
        return parse(s.m_bytes, s.m_offset, s.m_length);
    }

    /** As {@link #parse(LuaString)}, for a Java string (the lexer's numerals). */
    public static LuaNumber parse(String s) {
        byte[] b = s.getBytes(StandardCharsets.ISO_8859_1);
        return parse(b, 0, b.length);
    }

    private static LuaNumber parse(byte[] b, int start, int length) {
        int i = start, end = start + length;
        while (i < end && isspace(b[i])) i++;
        while (end > i && isspace(b[end - 1])) end--;
        boolean neg = false;
        if (i < end && (b[i] == '-' || b[i] == '+')) neg = b[i++] == '-';
        if (i >= end) return null;
        if (end - i > 1 && b[i] == '0' && (b[i + 1] == 'x' || b[i + 1] == 'X')) return parseHex(b, i + 2, end, neg);
        return parseDecimal(b, i, end, neg);
    }

    private static LuaNumber parseDecimal(byte[] b, int i, int end, boolean neg) {
        int p = i;
        long a = 0;
        boolean overflow = false;
        // An integer numeral fits if its magnitude is at most 2^63 - 1 (2^63 when negative), else it is read as a float.
        for (; p < end && isdigit(b[p]); p++) {
            int d = b[p] - '0';
            if (a > 922337203685477580L || (a == 922337203685477580L && d > (neg ? 8 : 7))) overflow = true;
            a = a * 10 + d;
        }
        int digits = p - i;
        if (p == end) {
            if (digits == 0) return null;
            if (!overflow) return LuaInteger.valueOf(neg ? -a : a);
        } else {
            if (p < end && b[p] == '.') {
                p++;
                int f = p;
                while (p < end && isdigit(b[p])) p++;
                digits += p - f;
            }
            if (digits == 0) return null;
            if (p < end && (b[p] == 'e' || b[p] == 'E')) {
                p++;
                if (p < end && (b[p] == '+' || b[p] == '-')) p++;
                int e = p;
                while (p < end && isdigit(b[p])) p++;
                if (p == e) return null;
            }
            if (p != end) return null;
        }
        double d = Double.parseDouble(new String(b, i, end - i, StandardCharsets.ISO_8859_1));
        return LuaDouble.valueOf(neg ? -d : d);
    }

    private static LuaNumber parseHex(byte[] b, int i, int end, boolean neg) {
        int p = i;
        long a = 0;
        for (; p < end && hexvalue(b[p]) >= 0; p++) a = a * 16 + hexvalue(b[p]); // wraps around, as Lua
        int digits = p - i;
        if (p == end) {
            if (digits == 0) return null;
            return LuaInteger.valueOf(neg ? -a : a);
        }
        if (b[p] == '.') {
            p++;
            int f = p;
            while (p < end && hexvalue(b[p]) >= 0) p++;
            digits += p - f;
        }
        if (digits == 0) return null;
        boolean exponent = false;
        if (p < end && (b[p] == 'p' || b[p] == 'P')) {
            p++;
            if (p < end && (b[p] == '+' || b[p] == '-')) p++;
            int e = p;
            while (p < end && isdigit(b[p])) p++;
            if (p == e) return null;
            exponent = true;
        }
        if (p != end) return null;
        // Java reads the same hexadecimal floating-point syntax, once the binary exponent is there.
        String text = "0x" + new String(b, i, end - i, StandardCharsets.ISO_8859_1) + (exponent ? "" : "p0");
        double d = Double.parseDouble(text);
        return LuaDouble.valueOf(neg ? -d : d);
    }

    /** {@code tonumber(s, base)}: an integer numeral in base 2..36 (wrapping around), or null. */
    public static LuaInteger parse(LuaString s, int base) {
        byte[] b = s.m_bytes;
        int i = s.m_offset, end = i + s.m_length;
        while (i < end && isspace(b[i])) i++;
        while (end > i && isspace(b[end - 1])) end--;
        boolean neg = false;
        if (i < end && b[i] == '-') { neg = true; i++; }
        if (i >= end) return null;
        long a = 0;
        for (; i < end; i++) {
            int c = b[i], d;
            if (c >= '0' && c <= '9') d = c - '0';
            else if (c >= 'a' && c <= 'z') d = c - 'a' + 10;
            else if (c >= 'A' && c <= 'Z') d = c - 'A' + 10;
            else return null;
            if (d >= base) return null;
            a = a * base + d;
        }
        return LuaInteger.valueOf(neg ? -a : a);
    }

    static boolean isspace(int c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    private static boolean isdigit(int c) {
        return c >= '0' && c <= '9';
    }

    private static int hexvalue(int c) {
        if (c >= '0' && c <= '9') return c - '0';
        if (c >= 'a' && c <= 'f') return c - 'a' + 10;
        if (c >= 'A' && c <= 'F') return c - 'A' + 10;
        return -1;
    }

    // ---------------------------------------------------------------- numbers to strings

    /** A float as Lua 5.4 prints it: C's {@code %.14g}, plus ".0" when that reads like an integer. */
    public static String floatToString(double d) {
        String s = LuaNumberFormat.toLuaString(d);
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            if (c != '-' && (c < '0' || c > '9')) return s;
        }
        return s + ".0";
    }

    // ---------------------------------------------------------------- float <-> integer

    /** Whether a float has an exact integer representation (math.tointeger would succeed). */
    public static boolean fitsInteger(double d) {
        return d >= -TWO63 && d < TWO63 && d == Math.floor(d);
    }

    /** The integer a value converts to for an integer-only operation (strings count), or null. */
    public static LuaInteger toInteger(LuaValue v) {
        if (v instanceof LuaInteger) return (LuaInteger) v;
        if (v instanceof LuaDouble) {
            double d = ((LuaDouble) v).v;
            return fitsInteger(d) ? LuaInteger.valueOf((long) d) : null;
        }
        if (v instanceof LuaString) {
            LuaNumber n = parse((LuaString) v);
            return n != null ? toInteger(n) : null;
        }
        return null;
    }

    /** An integer argument of a library function: integers, and floats and strings with an exact integer value. */
    public static long checkInteger(LuaValue v) {
        LuaInteger i = toInteger(v);
        if (i != null) return i.v;
        if (v instanceof LuaNumber || (v instanceof LuaString && parse((LuaString) v) != null)) {
            throw new LuaError("number has no integer representation");
        }
        v.argerror("number");
        return 0;
    }

    // ---------------------------------------------------------------- comparisons across subtypes

    /** i == f exactly (no rounding of i to a float). */
    public static boolean eq(long i, double f) {
        return fitsInteger(f) && (long) f == i;
    }

    private static boolean exact(long i) {
        return i >= -(1L << 53) && i <= (1L << 53);
    }

    /** i < f exactly. */
    public static boolean lt(long i, double f) {
        if (exact(i)) return i < f;
        double c = Math.ceil(f);
        return c >= -TWO63 && c < TWO63 ? i < (long) c : f > 0;
    }

    /** i <= f exactly. */
    public static boolean le(long i, double f) {
        if (exact(i)) return i <= f;
        double c = Math.floor(f);
        return c >= -TWO63 && c < TWO63 ? i <= (long) c : f > 0;
    }

    /** f < i exactly. */
    public static boolean lt(double f, long i) {
        if (exact(i)) return f < i;
        double c = Math.floor(f);
        return c >= -TWO63 && c < TWO63 ? (long) c < i : f < 0;
    }

    /** f <= i exactly. */
    public static boolean le(double f, long i) {
        if (exact(i)) return f <= i;
        double c = Math.ceil(f);
        return c >= -TWO63 && c < TWO63 ? (long) c <= i : f < 0;
    }

    /** a < b for any two values: numbers, strings, else the {@code __lt} metamethod. */
    public static boolean lt(LuaValue a, LuaValue b) {
        if (a instanceof LuaNumber && b instanceof LuaNumber) {
            if (a instanceof LuaInteger) {
                long x = ((LuaInteger) a).v;
                return b instanceof LuaInteger ? x < ((LuaInteger) b).v : lt(x, ((LuaDouble) b).v);
            }
            double x = ((LuaDouble) a).v;
            return b instanceof LuaInteger ? lt(x, ((LuaInteger) b).v) : x < ((LuaDouble) b).v;
        }
        if (a instanceof LuaString && b instanceof LuaString) return b.strcmp((LuaString) a) > 0;
        return a.comparemt(LuaValue.LT, b).toboolean();
    }

    /** a <= b for any two values. */
    public static boolean le(LuaValue a, LuaValue b) {
        if (a instanceof LuaNumber && b instanceof LuaNumber) {
            if (a instanceof LuaInteger) {
                long x = ((LuaInteger) a).v;
                return b instanceof LuaInteger ? x <= ((LuaInteger) b).v : le(x, ((LuaDouble) b).v);
            }
            double x = ((LuaDouble) a).v;
            return b instanceof LuaInteger ? le(x, ((LuaInteger) b).v) : x <= ((LuaDouble) b).v;
        }
        if (a instanceof LuaString && b instanceof LuaString) return b.strcmp((LuaString) a) >= 0;
        return a.comparemt(LuaValue.LE, b).toboolean();
    }

    // ---------------------------------------------------------------- arithmetic

    /** Integer floor division; {@code //} by zero is an error. */
    public static long idiv(long a, long b) {
        if (b == 0) throw LuaError.runtime(LuaErrors.NONE, "attempt to divide by zero");
        return Math.floorDiv(a, b);
    }

    /** Integer modulo with the sign of the divisor; {@code %} by zero is an error. */
    public static long imod(long a, long b) {
        if (b == 0) throw LuaError.runtime(LuaErrors.NONE, "attempt to perform 'n%0'");
        return Math.floorMod(a, b);
    }

    /** Float modulo as Lua 5.4 (C's fmod, moved to the divisor's sign). */
    public static double fmod(double a, double b) {
        double m = a % b;
        if (m > 0 ? b < 0 : (m < 0 && b > 0)) m += b; // a non-zero remainder takes the divisor's sign
        return m;
    }

    /** Left shift; counts of 64 or more give 0, negative counts shift right (logically). */
    public static long shl(long x, long n) {
        if (n < 0) return n <= -64 ? 0 : x >>> -n;
        return n >= 64 ? 0 : x << n;
    }

    /** The operator on two integers (not for DIV and POW, which are always float). */
    public static LuaValue arith(int op, long x, long y) {
        switch (op) {
            case ADD: return LuaInteger.valueOf(x + y);
            case SUB: return LuaInteger.valueOf(x - y);
            case MUL: return LuaInteger.valueOf(x * y);
            case MOD: return LuaInteger.valueOf(imod(x, y));
            case IDIV: return LuaInteger.valueOf(idiv(x, y));
            case BAND: return LuaInteger.valueOf(x & y);
            case BOR: return LuaInteger.valueOf(x | y);
            case BXOR: return LuaInteger.valueOf(x ^ y);
            case SHL: return LuaInteger.valueOf(shl(x, y));
            case SHR: return LuaInteger.valueOf(shl(x, -y));
            case UNM: return LuaInteger.valueOf(-x);
            case BNOT: return LuaInteger.valueOf(~x);
            default: return arith(op, (double) x, (double) y);
        }
    }

    /** The operator on two floats (arithmetic operators only). */
    public static LuaValue arith(int op, double x, double y) {
        switch (op) {
            case ADD: return LuaDouble.valueOf(x + y);
            case SUB: return LuaDouble.valueOf(x - y);
            case MUL: return LuaDouble.valueOf(x * y);
            case MOD: return LuaDouble.valueOf(fmod(x, y));
            case POW: return LuaDouble.valueOf(Math.pow(x, y));
            case DIV: return LuaDouble.ddiv(x, y);
            case IDIV: return LuaDouble.valueOf(Math.floor(x / y));
            case UNM: return LuaDouble.valueOf(-x);
            default: throw new IllegalArgumentException("not a float operator: " + op);
        }
    }

    private static boolean bitwise(int op) {
        return op >= BAND && op <= SHR || op == BNOT;
    }

    /**
     * The operator on any two values (for unary operators both are the operand): numbers of mixed
     * subtypes, strings converted to numbers (arithmetic only, as Lua 5.4's string metamethods do),
     * else the metamethod, else Lua 5.4's error.
     */
    public static LuaValue arith(int op, LuaValue a, LuaValue b) {
        if (bitwise(op)) return bitwise(op, a, b, null);
        LuaNumber x = toNumber(a), y = toNumber(b);
        if (x != null && y != null) {
            if (x instanceof LuaInteger && y instanceof LuaInteger && op != DIV && op != POW) {
                return arith(op, ((LuaInteger) x).v, ((LuaInteger) y).v);
            }
            return arith(op, x.todouble(), y.todouble());
        }
        boolean sa = a instanceof LuaString, sb = b instanceof LuaString;
        LuaValue h = sa ? LuaValue.NIL : a.metatag(EVENTS[op]);
        if (h.isnil()) {
            if (sa || sb) {
                // Lua 5.4's string metamethod: the other operand's metamethod, else "attempt to add a 'string' with a 'table'"
                h = sb ? LuaValue.NIL : b.metatag(EVENTS[op]);
                if (h.isnil()) throw new LuaError("attempt to " + NAMES[op] + " a '" + a.typename() + "' with a '" + b.typename() + "'");
            } else {
                h = b.metatag(EVENTS[op]);
                if (h.isnil()) throw LuaError.runtime(LuaErrors.ARITH, LuaErrors.typeError("perform arithmetic on", LuaErrors.arithBlame(a, b)));
            }
        }
        return MetamethodCall.call(h, EVENTS[op], a, b);
    }

    /**
     * A bitwise operator (for {@link #BNOT} both are the operand): integers and floats with an integer
     * value, else the metamethod, else Lua 5.4's error. Strings are not converted (Lua 5.4's string
     * library has no bitwise metamethods); their metamethods are looked up in stringMetatable, the
     * running Lua state's string metatable (where the official tests' bwcoercion.lua puts them), or in
     * the JVM-wide one if null.
     */
    public static LuaValue bitwise(int op, LuaValue a, LuaValue b, LuaTable stringMetatable) {
        if (a instanceof LuaNumber && b instanceof LuaNumber) {
            LuaInteger x = toInteger(a), y = toInteger(b);
            if (x != null && y != null) return arith(op, x.v, y.v);
        }
        LuaValue h = metamethod(a, EVENTS[op], stringMetatable);
        if (h.isnil()) h = metamethod(b, EVENTS[op], stringMetatable);
        if (!h.isnil()) return MetamethodCall.call(h, EVENTS[op], a, b);
        if (a instanceof LuaNumber && b instanceof LuaNumber) {
            throw LuaError.runtime(LuaErrors.TOINT, "number has no integer representation");
        }
        throw LuaError.runtime(LuaErrors.BITWISE, LuaErrors.typeError("perform bitwise operation on", a instanceof LuaNumber ? b : a));
    }

    private static LuaValue metamethod(LuaValue v, LuaValue event, LuaTable stringMetatable) {
        return stringMetatable != null && v instanceof LuaString ? stringMetatable.rawget(event) : v.metatag(event);
    }

    /** A number, or a string converted to one, else null. */
    static LuaNumber toNumber(LuaValue v) {
        if (v instanceof LuaNumber) return (LuaNumber) v;
        if (v instanceof LuaString) return parse((LuaString) v);
        return null;
    }
}
