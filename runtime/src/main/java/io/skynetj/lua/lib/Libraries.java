package io.skynetj.lua.lib;

import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.DebugLib;
import org.luaj.vm2.lib.jse.JsePlatform;

/**
 * skynetj's own versions of the standard library functions LuaJ 3.0.1 gets wrong or lacks (error
 * handling, os.date; Lua 5.4's utf8, math, string.format conversions, string.pack, table functions
 * through metamethods, ipairs, select, load, warn), put over LuaJ's libraries once these are loaded.
 */
public final class Libraries {
    private Libraries() {}

    /**
     * Adds the functions that keep no state to library {@code name} ("string", "table", "math" or "utf8"):
     * a table the services share the functions of.
     */
    public static void extendStateless(String name, LuaTable lib) {
        switch (name) {
            case "string" -> {
                lib.set("format", new StringFormat());
                lib.set("rep", new StringRep());
                lib.set("char", new StringChar());
                lib.set("dump", new StringDump());
                StringPack.install(lib);
                SearchStart.install(lib);
                CallBoundary.mark(lib, "gsub", a -> !a.arg(3).isstring()); // a function or table replacement
                CallBoundary.mark(lib, "format", CallBoundary::anyMetatable); // __tostring for %s
            }
            case "table" -> {
                lib.set("move", new TableMove());
                TableFunctions.install(lib);
                CallBoundary.mark(lib, "sort", a -> true);
                for (String f : new String[] {"insert", "remove", "concat", "unpack", "move"})
                    CallBoundary.mark(lib, f, CallBoundary::anyMetatable);
            }
            case "math" -> MathFunctions.install(lib);
            case "utf8" -> Utf8Functions.install(lib);
            default -> { }
        }
    }

    /** Gives a math table its own random/randomseed (the generator is per-service state). */
    public static void installRandom(LuaTable math) {
        MathFunctions.installRandom(math);
    }

    /**
     * The functions that belong to one Lua state: error/pcall/xpcall, ipairs/select/load/warn, pairs, os.date, the state's own
     * string metatable with getmetatable and debug.getmetatable/setmetatable, debug.traceback and debug.getinfo on the
     * recorded frames, bit32 for require only, require and package.searchpath (call it after the string and debug libraries are loaded).
     */
    public static void installPerState(Globals g) {
        installBase(g);
        if (g.get("debug").istable()) extendDebug(g, g.get("debug").checktable());
        extendOs(g.get("os").checktable());
    }

    /** {@link #installPerState} but for the debug and os tables (for a state that builds those on first use). */
    public static void installBase(Globals g) {
        ProtectedCalls.install(g);
        BaseFunctions.install(g);
        BaseChecks.install(g);
        StateFinalizers.install(g); // after pcall and warn, which it keeps
        CallBoundary.mark(g, "tostring", CallBoundary::firstHasMetatable); // print calls it too
        CallBoundary.mark(g, "load", a -> a.arg1().isfunction());
        StateMetatables.install(g);
        g.set("pairs", new Pairs(g.get("next")));
        if (g.get("package").istable()) {
            LuaTable pkg = g.get("package").checktable();
            pkg.set("config", "/\n;\n?\n!\n-\n"); // Lua 5.4's, for a POSIX system
            // Lua 5.4 has no bit32: older code gets it with require, never as a global (services: LuaVm's preload
            // entries); a state made by JsePlatform (standardGlobals) has LuaJ's as a global, taken away here
            g.set("bit32", LuaValue.NIL);
            pkg.get("loaded").set("bit32", LuaValue.NIL);
            pkg.get("loaded").set("_G", g); // as in Lua 5.4; error messages name functions by their place there
            pkg.get("preload").set("bit32", LuaFn.of("bit32", a -> bit32()));
            PackageFunctions.install(g, pkg);
        }
    }

    /** A new bit32 table (Lua 5.2's library on 5.4 integers), for {@code require "bit32"}. */
    public static LuaValue bit32() {
        return Bit32.library();
    }

    /** Puts state {@code g}'s own getmetatable, setmetatable, traceback, getinfo, getlocal/setlocal and getregistry into its debug table. */
    public static void extendDebug(Globals g, LuaTable debug) {
        StateMetatables.installDebug(g, debug);
        HookTable hooks = new HookTable();
        DebugFunctions.install(g, debug, hooks);
        DebugLocals.install(g, debug);
        DebugRegistry.install(g, debug, hooks);
    }

    /** Puts skynetj's os.date, os.time and os.setlocale over LuaJ's in an os table. */
    public static void extendOs(LuaTable os) {
        os.set("date", new OsDate());
        os.set("time", OsTime.over(os.get("time")));
        os.set("setlocale", LuaFn.of("setlocale", OsSetlocale::setlocale));
    }

    /** A Lua state with LuaJ's standard libraries and skynetj's versions over them (no skynet API). */
    public static Globals standardGlobals() {
        Globals g = JsePlatform.standardGlobals();
        g.load(new DebugLib()); // Lua's standard libraries include debug; JsePlatform's do not
        g.debuglib = null; // as in a service: the interpreter pays for no call hooks (LuaVm)
        LuaTable utf8 = new LuaTable();
        g.set("utf8", utf8);
        g.get("package").get("loaded").set("utf8", utf8);
        for (String name : new String[] {"string", "table", "math", "utf8"}) extendStateless(name, g.get(name).checktable());
        installRandom(g.get("math").checktable());
        installPerState(g);
        return g;
    }
}
