package org.luaj.vm2;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

// skynetj's own class (not LuaJ's), compiled into LuaJ's package with the patched sources: see runtime/luaj/README.md.
/**
 * C {@code printf} number formatting as glibc does it, for Lua 5.2 fidelity.
 *
 * <p>Lua 5.2 turns every number into a string with {@code sprintf("%.14g")} ({@link #toLuaString}),
 * and {@code string.format} hands its number conversions to {@code sprintf}
 * ({@link #formatFloat}, {@link #formatInteger}). Java's {@code String.format} differs from C
 * in many details (the {@code %g} cut-over, trailing zeros, exponent digits, {@code inf}/{@code nan}),
 * so this class does the digit work itself: the exact binary value is rounded with
 * {@link RoundingMode#HALF_EVEN} like glibc in the default rounding mode.
 *
 * <p>NaN prints as {@code nan} or {@code -nan} after its sign bit, as glibc does.
 */
public final class LuaNumberFormat {
    private LuaNumberFormat() {}

    /** Flag bits, one per C printf flag character. */
    public static final int LEFT = 1, PLUS = 2, SPACE = 4, ALT = 8, ZERO = 16;

    private static final MathContext MC14 = new MathContext(14, RoundingMode.HALF_EVEN);

    /** The string Lua 5.2 gives for a number: C's {@code %.14g}. */
    public static String toLuaString(double v) {
        long l = (long) v;
        // Fast path: integral values of at most 14 digits print as themselves (not -0).
        if (l == v && l > -100000000000000L && l < 100000000000000L && (l != 0 || Double.doubleToRawLongBits(v) == 0)) {
            return Long.toString(l);
        }
        if (v != v) return nanString(v);
        if (Double.isInfinite(v)) return v < 0 ? "-inf" : "inf";
        if (v == 0) return "-0";
        StringBuilder sb = new StringBuilder(24);
        if (v < 0) sb.append('-');
        appendG(sb, Math.abs(v), 14, false);
        return sb.toString();
    }

    /** {@code nan} or {@code -nan}, after the sign bit, as glibc prints NaN. */
    public static String nanString(double v) {
        return Double.doubleToRawLongBits(v) < 0 ? "-nan" : "nan";
    }

    /**
     * Digits of {@code a} (finite, positive) rounded to {@code p} significant digits.
     * Returns the unscaled digits without trailing zeros, exponent stored in {@code exp[0]}
     * (the value is {@code 0.d1d2d3... * 10^(exp+1)}, i.e. exp is the decimal exponent of d1).
     */
    private static String roundSignificant(double a, int p, int[] exp) {
        if (p <= 15 && a >= Double.MIN_NORMAL) {
            String r = roundShortest(a, p, exp);
            if (r != null) return r;
        }
        BigDecimal bd = new BigDecimal(a).round(p == 14 ? MC14 : new MathContext(p, RoundingMode.HALF_EVEN));
        bd = bd.stripTrailingZeros();
        String digits = bd.unscaledValue().toString();
        exp[0] = digits.length() - 1 - bd.scale();
        return digits;
    }

    /**
     * Rounds the shortest round-trip digits of {@code a} (Double.toString) to {@code p} digits
     * when that is provably the same as rounding the exact binary value, else returns null.
     *
     * <p>Let d be the shortest digits (n of them) and v the exact value; |v - d| is below half an
     * ulp, and within that interval there is at most one decimal of up to 15 digits (for a normal
     * double the interval is narrower than a unit in the 15th digit). So: n <= p (p <= 15) means d
     * itself is the rounding; for p <= 14 and n > p, no rounding midpoint (p+1 digits ending in 5)
     * lies strictly between v and d, so rounding d gives the rounding of v, unless d is itself such
     * a midpoint (n == p+1, last digit 5), which needs the exact value.
     */
    private static String roundShortest(double a, int p, int[] exp) {
        String s = Double.toString(a); // "123.456", "1.0E-5", "1.2345678E10"
        int len = s.length();
        char[] d = new char[20];
        int n = 0;
        int pointPos = -1; // digits before the decimal point
        int e = 0;
        for (int i = 0; i < len; i++) {
            char c = s.charAt(i);
            if (c == '.') {
                pointPos = n;
            } else if (c == 'E') {
                e = Integer.parseInt(s, i + 1, len, 10);
                break;
            } else {
                d[n++] = c;
            }
        }
        if (pointPos < 0) pointPos = n;
        int first = 0;
        while (first < n - 1 && d[first] == '0') first++;
        int last = n;
        while (last > first + 1 && d[last - 1] == '0') last--;
        // value = 0.d[first..last) * 10^(pointPos - first + e); exponent of the first digit:
        int x = pointPos - first - 1 + e;
        int nd = last - first;
        if (nd <= p) {
            exp[0] = x;
            return new String(d, first, nd);
        }
        if (p > 14) return null;
        if (nd == p + 1 && d[last - 1] == '5') return null;
        // round half up at p digits (no exact tie is possible here)
        boolean up = d[first + p] >= '5';
        int end = first + p;
        if (up) {
            int i = end - 1;
            while (i >= first && d[i] == '9') {
                d[i] = '0';
                i--;
            }
            if (i < first) {
                exp[0] = x + 1;
                return "1";
            }
            d[i]++;
        }
        while (end > first + 1 && d[end - 1] == '0') end--;
        exp[0] = x;
        return new String(d, first, end - first);
    }

    /** Appends C's {@code %.<p>g} of a finite non-negative value (sign handled by caller). */
    private static void appendG(StringBuilder sb, double a, int p, boolean alt) {
        if (p == 0) p = 1;
        String digits;
        int x;
        if (a == 0) {
            digits = "0";
            x = 0;
        } else {
            int[] e = new int[1];
            digits = roundSignificant(a, p, e);
            x = e[0];
        }
        int nd = digits.length();
        if (x < p && x >= -4) {
            // fixed notation with p-1-x decimals
            int decimals = p - 1 - x;
            if (x >= 0) {
                if (nd <= x + 1) {
                    sb.append(digits);
                    for (int i = nd; i <= x; i++) sb.append('0');
                    if (alt) {
                        sb.append('.');
                        for (int i = 0; i < decimals; i++) sb.append('0');
                    }
                } else {
                    sb.append(digits, 0, x + 1).append('.').append(digits, x + 1, nd);
                    if (alt) for (int i = nd - (x + 1); i < decimals; i++) sb.append('0');
                }
            } else {
                sb.append("0.");
                for (int i = -1; i > x; i--) sb.append('0');
                sb.append(digits);
                if (alt) for (int i = (-x - 1) + nd; i < decimals; i++) sb.append('0');
            }
        } else {
            sb.append(digits.charAt(0));
            if (nd > 1 || (alt && p > 1)) {
                sb.append('.').append(digits, 1, nd);
                if (alt) for (int i = nd; i < p; i++) sb.append('0');
            } else if (alt) {
                sb.append('.');
            }
            appendExponent(sb, 'e', x);
        }
    }

    private static void appendExponent(StringBuilder sb, char e, int x) {
        sb.append(e).append(x < 0 ? '-' : '+');
        int ax = Math.abs(x);
        if (ax < 10) sb.append('0');
        sb.append(ax);
    }

    /** Appends C's {@code %.<p>e} of a finite non-negative value. */
    private static void appendE(StringBuilder sb, double a, int p, boolean alt, char e) {
        String digits;
        int x;
        if (a == 0) {
            digits = "0";
            x = 0;
        } else {
            int[] ex = new int[1];
            digits = roundSignificant(a, p + 1, ex);
            x = ex[0];
        }
        sb.append(digits.charAt(0));
        if (p > 0 || alt) sb.append('.');
        int nd = digits.length();
        sb.append(digits, 1, nd);
        for (int i = nd - 1; i < p; i++) sb.append('0');
        appendExponent(sb, e, x);
    }

    /** Appends C's {@code %.<p>f} of a finite non-negative value. */
    private static void appendF(StringBuilder sb, double a, int p, boolean alt) {
        long l = (long) a;
        if (l == a && l < 1000000000000000000L) {
            sb.append(l);
            if (p > 0 || alt) sb.append('.');
            for (int i = 0; i < p; i++) sb.append('0');
            return;
        }
        sb.append(new BigDecimal(a).setScale(p, RoundingMode.HALF_EVEN).toPlainString());
        if (p == 0 && alt) sb.append('.');
    }

    /** Appends C's {@code %a} (without precision) of a finite non-negative value. */
    private static void appendA(StringBuilder sb, double a, boolean upper) {
        String h = Double.toHexString(a); // 0x1.8p1, 0x0.0p0, 0x0.0000000000001p-1022
        int pIdx = h.indexOf('p');
        String mant = h.substring(2, pIdx);
        String exp = h.substring(pIdx + 1);
        if (mant.endsWith(".0")) mant = mant.substring(0, mant.length() - 2);
        if (a == 0) {
            mant = "0";
            exp = "0";
        }
        StringBuilder t = new StringBuilder();
        t.append("0x").append(mant).append('p');
        if (!exp.startsWith("-")) t.append('+');
        t.append(exp);
        sb.append(upper ? t.toString().toUpperCase() : t.toString());
    }

    /**
     * C {@code printf} of a floating conversion ({@code e E f F g G a A}) with flags
     * ({@link #LEFT} etc.), width (-1 none) and precision (-1 none).
     */
    public static String formatFloat(double v, char conv, int flags, int width, int precision) {
        boolean neg = Double.doubleToRawLongBits(v) < 0;
        boolean upper = Character.isUpperCase(conv);
        double a = Math.abs(v);
        StringBuilder body = new StringBuilder(24);
        boolean finite = !Double.isNaN(v) && !Double.isInfinite(v);
        if (!finite) {
            body.append(Double.isNaN(v) ? "nan" : "inf");
            if (upper) upperCase(body);
        } else {
            int p = precision < 0 ? 6 : precision;
            boolean alt = (flags & ALT) != 0;
            switch (Character.toLowerCase(conv)) {
                case 'e' -> appendE(body, a, p, alt, upper ? 'E' : 'e');
                case 'f' -> appendF(body, a, p, alt);
                case 'g' -> {
                    appendG(body, a, p, alt);
                    if (upper) upperCase(body);
                }
                case 'a' -> appendA(body, a, upper);
                default -> throw new IllegalArgumentException("conversion " + conv);
            }
        }
        String sign = neg ? "-" : (flags & PLUS) != 0 ? "+" : (flags & SPACE) != 0 ? " " : "";
        int prefix = 0;
        if (finite && Character.toLowerCase(conv) == 'a') prefix = 2; // keep 0x before zero padding
        return pad(sign, body, prefix, flags, width, finite);
    }

    private static void upperCase(StringBuilder sb) {
        for (int i = 0; i < sb.length(); i++) sb.setCharAt(i, Character.toUpperCase(sb.charAt(i)));
    }

    private static String pad(String sign, CharSequence body, int prefixLen, int flags, int width, boolean zeroOk) {
        int len = sign.length() + body.length();
        if (width <= len) return sign + body;
        int n = width - len;
        StringBuilder sb = new StringBuilder(width);
        if ((flags & LEFT) != 0) {
            sb.append(sign).append(body);
            for (int i = 0; i < n; i++) sb.append(' ');
        } else if ((flags & ZERO) != 0 && zeroOk) {
            sb.append(sign).append(body, 0, prefixLen);
            for (int i = 0; i < n; i++) sb.append('0');
            sb.append(body, prefixLen, body.length());
        } else {
            for (int i = 0; i < n; i++) sb.append(' ');
            sb.append(sign).append(body);
        }
        return sb.toString();
    }

    /**
     * C {@code printf} of an integer conversion ({@code d i u o x X}) of a 64-bit value, with
     * flags, width (-1 none) and precision (-1 none). {@code u o x X} treat the value as unsigned.
     */
    public static String formatInteger(long v, char conv, int flags, int width, int precision) {
        String digits;
        String sign = "";
        String prefix = "";
        switch (conv) {
            case 'd', 'i' -> {
                if (v < 0) {
                    sign = "-";
                    digits = v == Long.MIN_VALUE ? "9223372036854775808" : Long.toString(-v);
                } else {
                    digits = Long.toString(v);
                    sign = (flags & PLUS) != 0 ? "+" : (flags & SPACE) != 0 ? " " : "";
                }
            }
            case 'u' -> digits = Long.toUnsignedString(v);
            case 'o' -> digits = Long.toOctalString(v);
            case 'x' -> digits = Long.toHexString(v);
            case 'X' -> digits = Long.toHexString(v).toUpperCase();
            default -> throw new IllegalArgumentException("conversion " + conv);
        }
        if (precision == 0 && v == 0) digits = "";
        if (precision > digits.length()) digits = "0".repeat(precision - digits.length()) + digits;
        if ((flags & ALT) != 0) {
            if (conv == 'o' && !digits.startsWith("0")) digits = "0" + digits;
            else if (v != 0 && conv == 'x') prefix = "0x";
            else if (v != 0 && conv == 'X') prefix = "0X";
        }
        // '0' is ignored when a precision is given
        int f = precision >= 0 ? flags & ~ZERO : flags;
        return pad(sign, prefix + digits, prefix.length(), f, width, true);
    }

    /** C {@code printf("%-5s")}-style padding and precision of a string (already converted). */
    public static String formatString(String s, int flags, int width, int precision) {
        if (precision >= 0 && s.length() > precision) s = s.substring(0, precision);
        return pad("", s, 0, flags & ~ZERO, width, false);
    }
}
