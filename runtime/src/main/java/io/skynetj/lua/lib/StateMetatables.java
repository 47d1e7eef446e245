package io.skynetj.lua.lib;

import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.TypeMetatables;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.OneArgFunction;

/**
 * The metatables a Lua state has for whole types, which LuaJ keeps once per JVM: strings'
 * ({@code {__index = string}} with this state's {@code string} table, found by the interpreter through
 * {@link Globals#stringmetatable}, patch 0010), and nil's, booleans', numbers', functions' and threads',
 * which only {@code debug.setmetatable} gives ({@link TypeMetatables}, patch 0031). So
 * {@code string.trim = f} makes {@code ("s"):trim()} work, and {@code debug.setmetatable(0, mt)} gives
 * numbers a metatable, in this state only. getmetatable, debug.getmetatable and debug.setmetatable
 * here are the state's.
 */
final class StateMetatables {
    private static final LuaValue METATABLE = LuaValue.valueOf("__metatable");

    private StateMetatables() {}

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

    /** debug.getmetatable and debug.setmetatable of state {@code g}. */
    static void installDebug(Globals g, LuaTable debug) {
        debug.set("getmetatable", new OneArgFunction() {
            @Override
            public LuaValue call(LuaValue v) {
                LuaValue m = stateMetatable(g, v);
                return m == null ? NIL : m;
            }
        });
        debug.set("setmetatable", LuaFn.of("setmetatable", args -> setMetatable(g, args)));
    }

    /** debug.setmetatable(value, table or nil): no __metatable protection; returns the value. */
    private static Varargs setMetatable(Globals g, Varargs args) {
        LuaValue v = args.arg1(), mt = args.arg(2);
        Args.check(args.narg() >= 2 && (mt.isnil() || mt.istable()), 2, "debug.setmetatable",
            "nil or table expected, got " + (args.narg() < 2 ? "no value" : mt.typename()));
        int type = v.type();
        if (type == LuaValue.TSTRING) {
            // no metatable: one without __index, which getmetatable reports as none
            g.stringmetatable = mt.isnil() ? new NoMetatable() : (LuaTable) mt;
        } else if (TypeMetatables.isBasic(type)) {
            TypeMetatables.set(g, type, mt.isnil() ? null : mt);
        } else {
            v.setmetatable(mt.isnil() ? null : mt); // a table (raw: its __metatable does not protect it here) or userdata
            if (g.finalizers != null) g.finalizers.setmetatable(v, mt);
        }
        return v;
    }

    private static LuaValue stateMetatable(Globals g, LuaValue v) {
        int type = v.type();
        if (type == LuaValue.TSTRING) return g.stringmetatable instanceof NoMetatable ? null : g.stringmetatable;
        return TypeMetatables.isBasic(type) ? TypeMetatables.of(g, type) : v.getmetatable();
    }

    /** A state's string metatable after debug.setmetatable("", nil): strings then have no methods. */
    private static final class NoMetatable extends LuaTable {}
}
