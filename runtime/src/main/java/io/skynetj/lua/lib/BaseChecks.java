package io.skynetj.lua.lib;

import org.luaj.vm2.CallFrames;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * assert, setmetatable, rawlen and collectgarbage with Lua 5.4's argument checks and errors
 * ({@code bad argument #1 to 'collectgarbage' (invalid option 'x')}); what they do is LuaJ's.
 */
final class BaseChecks {
    private BaseChecks() {}

    private static final LuaString METATABLE = LuaString.valueOf("__metatable");

    static void install(Globals g) {
        g.set("assert", LuaFn.of("assert", BaseChecks::assertion));
        g.set("setmetatable", LuaFn.of("setmetatable", a -> setmetatable(g, a)));
        g.set("rawlen", LuaFn.of("rawlen", a -> {
            LuaValue v = a.arg1();
            if (!v.istable() && v.type() != LuaValue.TSTRING) throw Args.expected(a, 1, "rawlen", "table or string");
            return LuaValue.valueOf(v.rawlen());
        }));
        LuaValue luajCollect = g.get("collectgarbage");
        LuaValue[] self = new LuaValue[1];
        self[0] = LuaFn.of("collectgarbage", a -> collectgarbage(g, self[0], luajCollect, a));
        g.set("collectgarbage", self[0]);
    }

    /** assert(v, message...): v and the rest when v is true; else error(message) at level 1, "assertion failed!" without one. */
    private static Varargs assertion(Varargs a) {
        if (a.arg1().toboolean()) return a;
        if (a.narg() == 0) throw Args.bad(1, "assert", "value expected");
        if (a.narg() < 2) throw new LuaError("assertion failed!");
        LuaValue m = a.arg(2);
        throw m.type() == LuaValue.TSTRING ? new LuaError(m.tojstring()) : new LuaError(m);
    }

    /** setmetatable(t, mt): a metatable with a __gc field marks t for finalization (Lua 5.4). */
    private static Varargs setmetatable(Globals g, Varargs a) {
        LuaValue t = a.arg1();
        if (!t.istable()) throw Args.expected(a, 1, "setmetatable", "table");
        LuaValue mt = a.arg(2);
        if (a.narg() < 2 || !mt.isnil() && !mt.istable()) throw Args.expected(a, 2, "setmetatable", "nil or table");
        LuaValue old = t.getmetatable();
        if (old != null && !old.rawget(METATABLE).isnil()) throw new LuaError("cannot change a protected metatable");
        t.setmetatable(mt.isnil() ? null : mt);
        if (g.finalizers != null) g.finalizers.setmetatable(t, mt);
        return t;
    }

    /**
     * The options Lua 5.4 knows. collect, count and step are LuaJ's; the JVM's collector has no pause,
     * step multiplier or mode to set, so those options answer as a 5.4 collector left at its defaults.
     * A full collection runs the finalizers it made due before it returns, as 5.4's does; to find
     * what the calling Lua function no longer holds, the dead registers above this call are cleared.
     */
    private static Varargs collectgarbage(Globals g, LuaValue self, LuaValue luaj, Varargs a) {
        String option = a.isnoneornil(1) ? "collect" : Args.string(a, 1, "collectgarbage").tojstring();
        switch (option) {
            case "collect":
                if (g.finalizers == null) return luaj.invoke(LuaValue.valueOf(option));
                CallFrames.clearAboveCall(g.running, self);
                g.finalizers.collect();
                return LuaValue.ZERO;
            case "step":
                Varargs r = luaj.invoke(LuaValue.valueOf(option));
                if (g.finalizers != null) g.finalizers.runDue();
                return r;
            case "count":
                return luaj.invoke(LuaValue.valueOf(option));
            case "stop": case "restart":
                return LuaValue.valueOf(0);
            case "isrunning":
                return LuaValue.TRUE;
            case "setpause":
                return LuaValue.valueOf(200);
            case "setstepmul":
                return LuaValue.valueOf(100);
            case "incremental": case "generational":
                return LuaValue.valueOf("incremental");
            default:
                throw Args.bad(1, "collectgarbage", "invalid option '" + option + "'");
        }
    }
}
