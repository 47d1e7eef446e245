package io.skynetj.lua.lib;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.IsoFields;
import java.util.Locale;

/**
 * Lua 5.2's {@code os.date}: C {@code strftime} in the "C" locale (as glibc), with the conversion
 * specifiers Lua 5.2 accepts on POSIX systems, and the {@code *t} table fields.
 */
public final class LuaStrftime {
    private LuaStrftime() {}

    private static final String[] DAYS = {"Sunday", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"};
    private static final String[] MONTHS = {"January", "February", "March", "April", "May", "June", "July",
        "August", "September", "October", "November", "December"};

    /** Conversion specifiers Lua 5.2 accepts (LUA_STRFTIMEOPTIONS for POSIX). */
    private static final String PLAIN = "aAbBcCdDeFgGhHIjmMnprRStTuUVwWxXyYzZ%";
    private static final String E_OPTS = "cCxXyY";
    private static final String O_OPTS = "deHImMSuUVwWy";

    /** Thrown for a conversion specifier Lua 5.2 rejects; the message is Lua's text. */
    public static final class InvalidConversion extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;

        InvalidConversion(String spec) {
            super("invalid conversion specifier '%" + spec + "'");
        }
    }

    /** The broken-down time of {@code time} (seconds since the epoch, truncated as C does), in UTC or local time. */
    public static ZonedDateTime at(double time, boolean utc) {
        long secs = (long) time;
        Instant instant = Instant.ofEpochSecond(secs);
        return ZonedDateTime.ofInstant(instant, utc ? ZoneOffset.UTC : ZoneId.systemDefault());
    }

    /** Whether daylight saving time is in force at {@code t} (always false in UTC). */
    public static boolean isDst(ZonedDateTime t, boolean utc) {
        return !utc && t.getZone().getRules().isDaylightSavings(t.toInstant());
    }

    /** Formats {@code t} as {@code strftime(fmt)} in the C locale; {@code utc} selects %Z "GMT" as gmtime does. */
    public static String format(String fmt, ZonedDateTime t, boolean utc) {
        StringBuilder sb = new StringBuilder();
        int n = fmt.length();
        for (int i = 0; i < n; ) {
            char c = fmt.charAt(i++);
            if (c != '%') {
                sb.append(c);
                continue;
            }
            if (i >= n) throw new InvalidConversion("");
            char conv = fmt.charAt(i++);
            if (conv == 'E' || conv == 'O') {
                String allowed = conv == 'E' ? E_OPTS : O_OPTS;
                if (i >= n || allowed.indexOf(fmt.charAt(i)) < 0) {
                    throw new InvalidConversion(conv + (i < n ? String.valueOf(fmt.charAt(i)) : ""));
                }
                conv = fmt.charAt(i++); // the C locale has no alternative forms
            } else if (PLAIN.indexOf(conv) < 0) {
                throw new InvalidConversion(String.valueOf(conv));
            }
            conversion(sb, conv, t, utc);
        }
        return sb.toString();
    }

    private static void two(StringBuilder sb, int v) {
        if (v < 10 && v >= 0) sb.append('0');
        sb.append(v);
    }

    private static void conversion(StringBuilder sb, char conv, ZonedDateTime t, boolean utc) {
        int wday = t.getDayOfWeek().getValue() % 7; // 0 = Sunday
        int yday = t.getDayOfYear() - 1;             // 0-based as tm_yday
        int year = t.getYear();
        switch (conv) {
            case 'a' -> sb.append(DAYS[wday], 0, 3);
            case 'A' -> sb.append(DAYS[wday]);
            case 'b', 'h' -> sb.append(MONTHS[t.getMonthValue() - 1], 0, 3);
            case 'B' -> sb.append(MONTHS[t.getMonthValue() - 1]);
            case 'c' -> sb.append(format("%a %b %e %H:%M:%S %Y", t, utc));
            case 'C' -> two(sb, Math.floorDiv(year, 100));
            case 'd' -> two(sb, t.getDayOfMonth());
            case 'D', 'x' -> sb.append(format("%m/%d/%y", t, utc));
            case 'e' -> {
                if (t.getDayOfMonth() < 10) sb.append(' ');
                sb.append(t.getDayOfMonth());
            }
            case 'F' -> sb.append(format("%Y-%m-%d", t, utc));
            case 'g' -> two(sb, Math.floorMod(t.get(IsoFields.WEEK_BASED_YEAR), 100));
            case 'G' -> sb.append(t.get(IsoFields.WEEK_BASED_YEAR));
            case 'H' -> two(sb, t.getHour());
            case 'I' -> two(sb, t.getHour() % 12 == 0 ? 12 : t.getHour() % 12);
            case 'j' -> {
                int j = yday + 1;
                if (j < 100) sb.append('0');
                if (j < 10) sb.append('0');
                sb.append(j);
            }
            case 'm' -> two(sb, t.getMonthValue());
            case 'M' -> two(sb, t.getMinute());
            case 'n' -> sb.append('\n');
            case 'p' -> sb.append(t.getHour() < 12 ? "AM" : "PM");
            case 'r' -> sb.append(format("%I:%M:%S %p", t, utc));
            case 'R' -> sb.append(format("%H:%M", t, utc));
            case 'S' -> two(sb, t.getSecond());
            case 't' -> sb.append('\t');
            case 'T', 'X' -> sb.append(format("%H:%M:%S", t, utc));
            case 'u' -> sb.append(t.getDayOfWeek().getValue());
            case 'U' -> two(sb, (yday + 7 - wday) / 7);
            case 'V' -> two(sb, t.get(IsoFields.WEEK_OF_WEEK_BASED_YEAR));
            case 'w' -> sb.append(wday);
            case 'W' -> two(sb, (yday + 7 - (wday + 6) % 7) / 7);
            case 'y' -> two(sb, Math.floorMod(year, 100));
            case 'Y' -> sb.append(year);
            case 'z' -> {
                int off = t.getOffset().getTotalSeconds() / 60;
                sb.append(off < 0 ? '-' : '+');
                off = Math.abs(off);
                two(sb, off / 60);
                two(sb, off % 60);
            }
            case 'Z' -> sb.append(utc ? "GMT" : t.getZone().getRules().isDaylightSavings(t.toInstant())
                ? java.util.TimeZone.getTimeZone(t.getZone()).getDisplayName(true, java.util.TimeZone.SHORT, Locale.US)
                : java.util.TimeZone.getTimeZone(t.getZone()).getDisplayName(false, java.util.TimeZone.SHORT, Locale.US));
            case '%' -> sb.append('%');
            default -> throw new InvalidConversion(String.valueOf(conv));
        }
    }
}
