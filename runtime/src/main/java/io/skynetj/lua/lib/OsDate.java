package io.skynetj.lua.lib;

import java.time.ZonedDateTime;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * {@code os.date([format [, time]])} as Lua 5.2's os_date: "!" for UTC (also with "*t"), the C locale's
 * strftime conversions ({@link LuaStrftime}), a table with yday and isdst for "*t".
 */
final class OsDate extends VarArgFunction {
    @Override
    public Varargs invoke(Varargs args) {
        String format = args.optjstring(1, "%c");
        double time = args.isnoneornil(2) ? System.currentTimeMillis() / 1000 : args.checkdouble(2);
        boolean utc = format.startsWith("!");
        if (utc) format = format.substring(1);
        ZonedDateTime d = LuaStrftime.at(time, utc);
        if (format.equals("*t")) {
            LuaTable t = new LuaTable(0, 9);
            t.set("sec", d.getSecond());
            t.set("min", d.getMinute());
            t.set("hour", d.getHour());
            t.set("day", d.getDayOfMonth());
            t.set("month", d.getMonthValue());
            t.set("year", d.getYear());
            t.set("wday", d.getDayOfWeek().getValue() % 7 + 1);
            t.set("yday", d.getDayOfYear());
            t.set("isdst", LuaValue.valueOf(LuaStrftime.isDst(d, utc)));
            return t;
        }
        try {
            return LuaValue.valueOf(LuaStrftime.format(format, d, utc));
        } catch (LuaStrftime.InvalidConversion e) {
            throw new LuaError("bad argument #1 to 'date' (" + e.getMessage() + ")");
        }
    }
}
