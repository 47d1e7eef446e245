package io.skynetj.lua.lib;

import org.luaj.vm2.LuaNumberFormat;

/**
 * C's {@code %a}/{@code %A} as glibc prints them: {@code 0x1.8p+0}, subnormals as {@code 0x0.xxxp-1022},
 * a precision rounding the hex digits to nearest-even (which may carry into the leading digit:
 * {@code %.0a} of 1.5 is {@code 0x2p+0}); without a precision, as few digits as represent the value.
 */
final class HexFloat {
    private HexFloat() {}

    private static final int FRACTION_BITS = 52;

    static String format(double v, boolean upper, int flags, int width, int precision) {
        if (Double.isNaN(v) || Double.isInfinite(v))
            return LuaNumberFormat.formatFloat(v, upper ? 'A' : 'a', flags, width, precision);
        long bits = Double.doubleToRawLongBits(v);
        long fraction = bits & ((1L << FRACTION_BITS) - 1);
        int biased = (int) ((bits >>> FRACTION_BITS) & 0x7ff);
        long lead = biased == 0 ? 0 : 1;
        int exponent = biased != 0 ? biased - 1023 : fraction != 0 ? -1022 : 0;
        String digits;
        if (precision < 0) {
            digits = String.format("%013x", fraction).replaceFirst("0+$", "");
        } else if (precision >= 13) {
            digits = String.format("%013x", fraction) + "0".repeat(precision - 13);
        } else {
            int keptBits = 4 * precision, drop = FRACTION_BITS - keptBits;
            long whole = (lead << FRACTION_BITS) | fraction;
            long kept = whole >>> drop, rest = whole & ((1L << drop) - 1), half = 1L << (drop - 1);
            if (rest > half || (rest == half && (kept & 1) == 1)) kept++;
            lead = kept >>> keptBits;
            digits = precision == 0 ? "" : String.format("%0" + precision + "x", kept & ((1L << keptBits) - 1));
        }
        boolean point = !digits.isEmpty() || (flags & LuaNumberFormat.ALT) != 0;
        String body = "0x" + Long.toHexString(lead) + (point ? "." + digits : "") + "p" + (exponent >= 0 ? "+" : "") + exponent;
        if (upper) body = body.toUpperCase();
        String sign = bits < 0 ? "-" : (flags & LuaNumberFormat.PLUS) != 0 ? "+" : (flags & LuaNumberFormat.SPACE) != 0 ? " " : "";
        int pad = width - sign.length() - body.length();
        if (pad <= 0) return sign + body;
        if ((flags & LuaNumberFormat.LEFT) != 0) return sign + body + " ".repeat(pad);
        if ((flags & LuaNumberFormat.ZERO) != 0) return sign + body.substring(0, 2) + "0".repeat(pad) + body.substring(2);
        return " ".repeat(pad) + sign + body;
    }
}
