package io.skynetj.lua.lib;

import org.luaj.vm2.LuaDouble;
import org.luaj.vm2.LuaValue;

/** os.time as Lua 5.4 gives it: an integer count of seconds (LuaJ's has the milliseconds as a fraction). */
final class OsTime {
    private OsTime() {}

    /** LuaJ's os.time (it reads date tables), its result made an integer. */
    static LuaValue over(LuaValue luajTime) {
        return LuaFn.of("time", a -> {
            LuaValue t = luajTime.invoke(a).arg1();
            return t instanceof LuaDouble ? LuaValue.valueOf((long) Math.floor(t.todouble())) : t;
        });
    }
}
