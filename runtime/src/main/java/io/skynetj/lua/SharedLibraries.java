package io.skynetj.lua;

import java.util.Map;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.PackageLib;
import org.luaj.vm2.lib.StringLib;
import org.luaj.vm2.lib.TableLib;
import org.luaj.vm2.lib.TwoArgFunction;
import org.luaj.vm2.lib.jse.JseMathLib;
import io.skynetj.lua.lib.Libraries;

/**
 * The standard libraries of a service, each a {@link LibraryTable} filled on first use.
 *
 * <p>The functions that keep no state (table, string, utf8, and math but for random and
 * randomseed) are built once, in frozen tables every service reads through until it writes to, or
 * lists, its own: building them for every service was about a tenth of newservice's time, and their
 * entries most of a idle service's library tables. What is shared are immutable Java functions;
 * math.random gets its own generator in every service.
 *
 * <p>io, os and debug hold functions bound to the service's own state (its standard output, its
 * running coroutine), so each service builds them, but only when its code first touches the table.
 */
final class SharedLibraries {
    private static final Map<String, FrozenTable> SHARED = build();

    private SharedLibraries() {}

    private static Map<String, FrozenTable> build() {
        Globals scratch = new Globals();
        scratch.load(new PackageLib());
        scratch.load(new TableLib());
        scratch.load(new StringLib());
        scratch.load(new JseMathLib());
        scratch.set("utf8", new LuaTable());
        for (String name : new String[] {"string", "table", "math", "utf8"}) Libraries.extendStateless(name, scratch.get(name).checktable());
        return Map.of("table", frozen(scratch, "table"),
            "string", frozen(scratch, "string"), "math", frozen(scratch, "math"), "utf8", frozen(scratch, "utf8"));
    }

    private static FrozenTable frozen(Globals scratch, String name) {
        LuaTable lib = scratch.get(name).checktable();
        FrozenTable t = new FrozenTable();
        LuaValue k = LuaValue.NIL;
        for (;;) {
            Varargs next = lib.next(k);
            if ((k = next.arg1()).isnil()) break;
            String key = k.tojstring();
            if (name.equals("math") && (key.equals("random") || key.equals("randomseed"))) continue;
            t.rawset(k, next.arg(2));
        }
        return t.freeze();
    }

    /** The frozen table of the shared functions (and constants) of library {@code name}. */
    static LuaTable shared(String name) {
        return SHARED.get(name);
    }

    /** Gives the service's globals its own table for stateless library {@code name}, as loading the library would. */
    static void install(Globals g, String name) {
        LibraryTable.Filler own = name.equals("math") ? Libraries::installRandom : null;
        register(g, name, new LibraryTable(SHARED.get(name), own, null));
    }

    /**
     * Gives the service's globals a table for LuaJ library {@code lib} (io, os, debug) that the library
     * fills, for this state, on first use; {@code then} adjusts it after (skynetj's functions over LuaJ's).
     */
    static void installOnFirstUse(Globals g, String name, TwoArgFunction lib, LibraryTable.Filler then) {
        register(g, name, new LibraryTable(null, into -> {
            LuaTable made = lib.call(LuaValue.valueOf(name), new LoadingEnvironment(g)).checktable();
            for (LuaValue k = LuaValue.NIL; ; ) {
                Varargs n = made.next(k);
                if ((k = n.arg1()).isnil()) break;
                into.rawset(k, n.arg(2));
            }
            LuaValue mt = made.getmetatable();
            if (mt != null) into.setmetatable(mt);
            if (then != null) then.fill(into);
        }, null));
    }

    private static void register(Globals g, String name, LuaTable lib) {
        g.set(name, lib);
        g.get("package").get("loaded").set(name, lib);
    }

    /**
     * What a LuaJ library is loaded into when it builds its table on first use: its functions bind to
     * the service's state ({@code checkglobals}), while the table it makes is left here, not in the
     * service's globals, which its code may have changed since (a strict {@code _G}, {@code io = nil}).
     */
    private static final class LoadingEnvironment extends LuaTable {
        private final Globals state;

        LoadingEnvironment(Globals state) {
            this.state = state;
            LuaTable pkg = new LuaTable();
            pkg.rawset("loaded", new LuaTable());
            rawset("package", pkg);
        }

        @Override
        public Globals checkglobals() {
            return state;
        }
    }
}
