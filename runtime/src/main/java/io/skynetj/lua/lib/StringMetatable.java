package io.skynetj.lua.lib;

import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.OneArgFunction;

/**
 * A Lua state's own string metatable, {@code {__index = string}} with that state's {@code string}
 * table, as every Lua state has (LuaJ has one per JVM): {@code string.trim = f} makes
 * {@code ("s"):trim()} work in this state only. The interpreter finds it through
 * {@link Globals#stringmetatable} (patch 0010); getmetatable and debug.getmetatable return it.
 */
final class StringMetatable {
    private static final LuaValue METATABLE = LuaValue.valueOf("__metatable");

    private StringMetatable() {}

    static void install(Globals g) {
        LuaTable mt = new LuaTable(0, 1);
        mt.rawset(LuaValue.INDEX, g.get("string"));
        g.stringmetatable = mt;
        g.set("getmetatable", new OneArgFunction() {
            @Override
            public LuaValue call(LuaValue v) {
                LuaValue m = stateMetatable(g, v);
                return m == null ? NIL : m.rawget(METATABLE).isnil() ? m : m.rawget(METATABLE);
            }
        });
    }

    /** debug.getmetatable of state {@code g}: strings have that state's metatable. */
    static void installDebug(Globals g, LuaTable debug) {
        debug.set("getmetatable", new OneArgFunction() {
            @Override
            public LuaValue call(LuaValue v) {
                LuaValue m = stateMetatable(g, v);
                return m == null ? NIL : m;
            }
        });
    }

    private static LuaValue stateMetatable(Globals g, LuaValue v) {
        return v.isstring() && !v.isnumber() ? g.stringmetatable : v.getmetatable();
    }
}
