package io.skynetj.lua.lib;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaInteger;
import org.luaj.vm2.LuaNumber;
import org.luaj.vm2.LuaNumbers;
import org.luaj.vm2.LuaNumberFormat;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * {@code string.format} as Lua 5.2 does it: each {@code %} spec is checked as Lua's
 * {@code scanformat} checks it, and handed to C {@code printf} rules ({@link LuaNumberFormat}).
 * LuaJ's own version ignored precisions and printed Java's number forms.
 */
final class StringFormat extends VarArgFunction {
    private static final String FLAG_CHARS = "-+ #0";

    /** One parsed conversion: {@code %[flags][width][.precision]conv}. */
    private record Spec(int flags, int width, int precision, int conversion, int end) {}

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

    private static Spec parse(LuaString fmt, int p) {
        int n = fmt.length(), start = p, flags = 0;
        while (p < n && FLAG_CHARS.indexOf(fmt.luaByte(p)) >= 0) {
            flags |= switch (fmt.luaByte(p)) {
                case '-' -> LuaNumberFormat.LEFT;
                case '+' -> LuaNumberFormat.PLUS;
                case ' ' -> LuaNumberFormat.SPACE;
                case '#' -> LuaNumberFormat.ALT;
                default -> LuaNumberFormat.ZERO;
            };
            p++;
        }
        if (p - start > FLAG_CHARS.length()) throw new LuaError("invalid format (repeated flags)");
        int width = -1, precision = -1;
        int digits = 0;
        while (p < n && isDigit(fmt.luaByte(p)) && digits < 2) {
            width = (width < 0 ? 0 : width * 10) + fmt.luaByte(p++) - '0';
            digits++;
        }
        if (p < n && fmt.luaByte(p) == '.') {
            p++;
            precision = 0; // "%.f" is precision 0, as in C
            digits = 0;
            while (p < n && isDigit(fmt.luaByte(p)) && digits < 2) {
                precision = precision * 10 + fmt.luaByte(p++) - '0';
                digits++;
            }
        }
        if (p < n && isDigit(fmt.luaByte(p))) throw new LuaError("invalid format (width or precision too long)");
        int conversion = p < n ? fmt.luaByte(p) : 0;
        return new Spec(flags, width, precision, conversion, p + 1);
    }

    private static boolean isDigit(int c) {
        return c >= '0' && c <= '9';
    }

    private static void convert(ByteArrayOutputStream out, Spec s, Varargs args, int arg) {
        switch (s.conversion) {
            case 'c' -> padded(out, new byte[] {(byte) integer(args, arg)}, s.flags, s.width);
            case 'd', 'i', 'o', 'u', 'x', 'X' ->
                ascii(out, LuaNumberFormat.formatInteger(integer(args, arg), (char) s.conversion, s.flags, s.width, s.precision));
            case 'a', 'A', 'e', 'E', 'f', 'g', 'G' ->
                ascii(out, LuaNumberFormat.formatFloat(number(args, arg), (char) s.conversion, s.flags, s.width, s.precision));
            case 'q' -> {
                LuaValue v = args.arg(arg);
                if (v instanceof LuaNumber) ascii(out, quotedNumber(v));
                else if (v instanceof LuaString) quoted(out, v.strvalue());
                else if (v.isnil() || v.isboolean()) ascii(out, v.tojstring());
                else throw argError(arg, "value has no literal form");
            }
            case 's' -> {
                LuaString str = display(args.arg(arg));
                if (s.precision < 0 && str.length() >= 100) {
                    write(out, str, str.length()); // Lua adds long strings as they are
                } else {
                    int len = str.indexOf((byte) 0, 0); // printf stops at a zero byte
                    if (len < 0) len = str.length();
                    if (s.precision >= 0) len = Math.min(len, s.precision);
                    byte[] b = new byte[len];
                    str.copyInto(0, b, 0, len);
                    padded(out, b, s.flags, s.width);
                }
            }
            default -> throw new LuaError("invalid option '%" + (char) s.conversion + "' to 'format'");
        }
    }

    /** luaL_checknumber: a number or a numeric string. */
    private static double number(Varargs args, int arg) {
        LuaValue v = args.arg(arg);
        if (!v.isnumber()) throw argError(arg, "number expected, got " + v.typename());
        return v.todouble();
    }

    /** %q of a number, as Lua 5.4 writes it so that reading it back gives the same value and subtype. */
    private static String quotedNumber(LuaValue v) {
        if (v instanceof LuaInteger) return v.tolong() == Long.MIN_VALUE ? "0x8000000000000000" : Long.toString(v.tolong());
        double d = v.todouble();
        if (d != d) return "(0/0)";
        if (Double.isInfinite(d)) return d > 0 ? "1e9999" : "-1e9999";
        return LuaNumberFormat.formatFloat(d, 'a', 0, -1, -1);
    }

    /** luaL_checkinteger: an integer, or a float or numeric string with an exact integer value. */
    private static long integer(Varargs args, int arg) {
        LuaValue v = args.arg(arg);
        if (!v.isnumber()) throw argError(arg, "number expected, got " + v.typename());
        LuaInteger i = LuaNumbers.toInteger(v);
        if (i == null) throw argError(arg, "number has no integer representation");
        return i.v;
    }

    /** luaL_tolstring: __tostring if there is one (it must give a string), else the value's own form. */
    private static LuaString display(LuaValue v) {
        LuaValue h = v.metatag(LuaValue.TOSTRING);
        if (!h.isnil()) {
            LuaValue r = h.call(v);
            if (!r.isstring()) throw new LuaError("'__tostring' must return a string");
            return r.strvalue();
        }
        LuaValue s = v.tostring();
        return s.isnil() ? LuaString.valueOf(v.tojstring()) : s.strvalue();
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
