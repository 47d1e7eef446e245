package io.skynetj.lua.lib;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaInteger;
import org.luaj.vm2.LuaNumberFormat;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * {@code string.format} as Lua 5.4 does it: each {@code %} spec is checked as Lua's
 * {@code getformat}/{@code checkformat} check it, and handed to C {@code printf} rules ({@link LuaNumberFormat}).
 * LuaJ's own version ignored precisions and printed Java's number forms.
 */
final class StringFormat extends VarArgFunction {
    private static final String FLAG_CHARS = "-+ #0";
    /** What Lua 5.4 reads as one spec before its conversion character: flags, digits, a dot. */
    private static final String SPAN_CHARS = FLAG_CHARS + "123456789.";
    /** The longest such span Lua 5.4 accepts (its MAX_FORMAT less room for the rest). */
    private static final int MAX_SPEC = 21;

    /** One parsed conversion: {@code %[flags][width][.precision]conv}. */
    private record Spec(int flags, int width, int precision, int conversion, int start, int end) {}

    @Override
    public Varargs invoke(Varargs args) {
        LuaString fmt = args.checkstring(1);
        int n = fmt.length();
        ByteArrayOutputStream out = new ByteArrayOutputStream(n + 16);
        int arg = 1;
        for (int i = 0; i < n; ) {
            int c = fmt.luaByte(i++);
            if (c != '%') {
                out.write(c);
            } else if (i < n && fmt.luaByte(i) == '%') {
                out.write('%');
                i++;
            } else {
                if (++arg > args.narg()) throw argError(arg, "no value");
                Spec spec = parse(fmt, i);
                i = spec.end;
                convert(out, spec, args, arg);
            }
        }
        return LuaString.valueUsing(out.toByteArray());
    }

    /**
     * Reads a spec as Lua 5.4's getformat and checkformat do: the flags, digits and dots before the
     * conversion (at most 20), then the flags the conversion allows, a width of up to two digits not
     * starting with 0, and a precision of up to two digits where the conversion takes one.
     */
    private static Spec parse(LuaString fmt, int p) {
        int n = fmt.length(), start = p;
        while (p < n && SPAN_CHARS.indexOf(fmt.luaByte(p)) >= 0) p++;
        if (p - start >= MAX_SPEC) throw new LuaError("invalid format (too long)");
        int conversion = p < n ? fmt.luaByte(p) : 0;
        String form = "%" + fmt.substring(start, Math.min(p + 1, n)).tojstring();
        String allowed = switch (conversion) {
            case 'c', 'p', 's' -> "-";
            case 'd', 'i' -> "-+0 ";
            case 'u' -> "-0";
            case 'o', 'x', 'X' -> "-#0";
            case 'a', 'A', 'e', 'E', 'f', 'g', 'G' -> FLAG_CHARS;
            case 'q' -> {
                if (p != start) throw new LuaError("specifier '%q' cannot have modifiers");
                yield "";
            }
            default -> throw new LuaError("invalid conversion '" + form + "' to 'format'");
        };
        boolean takesPrecision = conversion != 'c' && conversion != 'p';
        int q = start, flags = 0;
        for (; q < p && allowed.indexOf(fmt.luaByte(q)) >= 0; q++) {
            flags |= switch (fmt.luaByte(q)) {
                case '-' -> LuaNumberFormat.LEFT;
                case '+' -> LuaNumberFormat.PLUS;
                case ' ' -> LuaNumberFormat.SPACE;
                case '#' -> LuaNumberFormat.ALT;
                default -> LuaNumberFormat.ZERO;
            };
        }
        int width = -1, precision = -1;
        if (q < p && fmt.luaByte(q) != '0') {
            for (int digits = 0; digits < 2 && q < p && isDigit(fmt.luaByte(q)); digits++)
                width = (width < 0 ? 0 : width * 10) + fmt.luaByte(q++) - '0';
            if (q < p && fmt.luaByte(q) == '.' && takesPrecision) {
                q++;
                precision = 0; // "%.f" is precision 0, as in C
                for (int digits = 0; digits < 2 && q < p && isDigit(fmt.luaByte(q)); digits++)
                    precision = precision * 10 + fmt.luaByte(q++) - '0';
            }
        }
        if (q != p) throw new LuaError("invalid conversion specification: '" + form + "'");
        return new Spec(flags, width, precision, conversion, start, p + 1);
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private static void convert(ByteArrayOutputStream out, Spec s, Varargs args, int arg) {
        switch (s.conversion) {
            case 'c' -> padded(out, new byte[] {(byte) integer(args, arg)}, s.flags, s.width);
            case 'd', 'i' ->
                ascii(out, LuaNumberFormat.formatInteger(integer(args, arg), (char) s.conversion, s.flags, s.width, s.precision));
            case 'o', 'u', 'x', 'X' -> // a negative integer prints as its 64-bit two's complement, as in Lua 5.4
                ascii(out, LuaNumberFormat.formatInteger(integer(args, arg), (char) s.conversion, s.flags, s.width, s.precision));
            case 'a', 'A' -> ascii(out, HexFloat.format(number(args, arg), s.conversion == 'A', s.flags, s.width, s.precision));
            case 'e', 'E', 'f', 'g', 'G' ->
                ascii(out, LuaNumberFormat.formatFloat(number(args, arg), (char) s.conversion, s.flags, s.width, s.precision));
            case 'q' -> literal(out, args.arg(arg), arg);
            case 's' -> {
                LuaString str = DisplayString.of(args.arg(arg));
                if (s.end - s.start == 1) {
                    write(out, str, str.length()); // no modifiers: the whole string, zeros too
                } else {
                    if (str.indexOf((byte) 0, 0) >= 0) throw argError(arg, "string contains zeros");
                    if (s.precision < 0 && str.length() >= 100) {
                        write(out, str, str.length()); // Lua adds long strings as they are
                    } else {
                        int len = s.precision >= 0 ? Math.min(str.length(), s.precision) : str.length();
                        byte[] b = new byte[len];
                        str.copyInto(0, b, 0, len);
                        padded(out, b, s.flags, s.width);
                    }
                }
            }
            case 'p' -> padded(out, pointer(args.arg(arg)).getBytes(StandardCharsets.ISO_8859_1), s.flags, s.width);
            default -> throw new IllegalStateException("parse lets no other conversion through");
        }
    }

    /**
     * %p: an identity for values Lua keeps by reference, "(null)" for the others. Short strings (up to
     * Lua's 40 bytes) are one object per content in Lua, so equal ones show the same value here too.
     */
    private static String pointer(LuaValue v) {
        return switch (v.type()) {
            case LuaValue.TSTRING -> String.format("0x%08x", v.strvalue().length() <= 40 ? v.hashCode() : System.identityHashCode(v));
            case LuaValue.TTABLE, LuaValue.TFUNCTION, LuaValue.TTHREAD, LuaValue.TUSERDATA ->
                String.format("0x%08x", System.identityHashCode(v));
            default -> "(null)";
        };
    }

    /** luaL_checkinteger: an integer, a float with an exact integer value, or a numeral of one. */
    private static long integer(Varargs args, int arg) {
        return Args.integer(args, arg, "format");
    }

    /**
     * %q of Lua 5.4: a string quoted, an integer in decimal (mininteger in hex, which reads back as it),
     * a float in hexadecimal so that it reads back exactly, nil and booleans as their names.
     */
    private static void literal(ByteArrayOutputStream out, LuaValue v, int arg) {
        switch (v.type()) {
            case LuaValue.TSTRING -> quoted(out, v.strvalue());
            case LuaValue.TNUMBER -> {
                if (v instanceof LuaInteger) {
                    long n = v.tolong();
                    ascii(out, n == Long.MIN_VALUE ? "0x8000000000000000" : Long.toString(n));
                } else {
                    double d = v.todouble();
                    if (d == Double.POSITIVE_INFINITY) ascii(out, "1e9999");
                    else if (d == Double.NEGATIVE_INFINITY) ascii(out, "-1e9999");
                    else if (Double.isNaN(d)) ascii(out, "(0/0)");
                    else ascii(out, HexFloat.format(d, false, 0, -1, -1));
                }
            }
            case LuaValue.TNIL, LuaValue.TBOOLEAN -> ascii(out, v.tojstring());
            default -> throw argError(arg, "value has no literal form");
        }
    }

    /** luaL_checknumber: a number or a numeric string. */
    private static double number(Varargs args, int arg) {
        LuaValue v = args.arg(arg);
        if (!v.isnumber()) throw argError(arg, "number expected, got " + Args.got(args, arg));
        return v.todouble();
    }

    /** %q: a string Lua can read back. Control bytes become decimal escapes, three digits before a digit. */
    private static void quoted(ByteArrayOutputStream out, LuaString s) {
        out.write('"');
        for (int i = 0, n = s.length(); i < n; i++) {
            int c = s.luaByte(i);
            if (c == '"' || c == '\\' || c == '\n') {
                out.write('\\');
                out.write(c);
            } else if (c < 0x20 || c == 0x7f) {
                boolean digitFollows = i + 1 < n && isDigit(s.luaByte(i + 1));
                ascii(out, digitFollows ? String.format("\\%03d", c) : "\\" + c);
            } else {
                out.write(c);
            }
        }
        out.write('"');
    }

    private static void padded(ByteArrayOutputStream out, byte[] body, int flags, int width) {
        int pad = Math.max(0, width - body.length);
        boolean left = (flags & LuaNumberFormat.LEFT) != 0;
        if (!left) spaces(out, pad);
        out.write(body, 0, body.length);
        if (left) spaces(out, pad);
    }

    private static void spaces(ByteArrayOutputStream out, int n) {
        for (int i = 0; i < n; i++) out.write(' ');
    }

    private static void write(ByteArrayOutputStream out, LuaString s, int len) {
        byte[] b = new byte[len];
        s.copyInto(0, b, 0, len);
        out.write(b, 0, len);
    }

    private static void ascii(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static LuaError argError(int arg, String msg) {
        return new LuaError("bad argument #" + arg + " to 'format' (" + msg + ")");
    }
}
