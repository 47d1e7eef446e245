package org.luaj.vm2;

import java.util.function.BiConsumer;

// skynetj's own class (not LuaJ's), compiled into LuaJ's package with the patched sources: see runtime/luaj/README.md.
/**
 * The name Lua 5.4 gives a function found in a state's loaded modules, in tracebacks and in the
 * argument errors of functions no Lua code called (its pushglobalfuncname): a function that is a field
 * of a table in {@code package.loaded} is "module.field" ("string.format", "coroutine.yield"), one of
 * {@code _G} just the field's name ("pcall"), a module that is itself a function the module's name.
 * Lua takes the first one its table traversal meets; where a function has several names (skynet's
 * "skynet.manager" is the "skynet" table again) this takes the shortest, so the name is the same
 * every time. Library tables a service has not filled yet are read without filling them ({@link LazyTable}).
 */
final class LoadedNames {
    private LoadedNames() {}

    /** The name of function {@code f} in the loaded modules of state {@code g}, or null. */
    static String of(Globals g, LuaValue f) {
        if (g == null || f == null) return null;
        LuaValue pkg = g.rawget("package");
        LuaValue loaded = pkg.istable() ? pkg.rawget("loaded") : LuaValue.NIL;
        if (!(loaded instanceof LuaTable modules)) return null;
        String[] best = new String[1];
        forEach(modules, (module, value) -> {
            if (!module.isstring()) return;
            String prefix = module.tojstring();
            if (value.raweq(f)) best[0] = shorter(best[0], prefix);
            else if (value instanceof LuaTable lib)
                forEach(lib, (field, v) -> {
                    if (field.isstring() && v.raweq(f))
                        best[0] = shorter(best[0], prefix.equals("_G") ? field.tojstring() : prefix + "." + field.tojstring());
                });
        });
        return best[0];
    }

    private static String shorter(String old, String now) {
        return old == null || now.length() < old.length() ? now : old;
    }

    /** The entries of {@code t}, without filling a {@link LazyTable} and without metamethods. */
    private static void forEach(LuaTable t, BiConsumer<LuaValue, LuaValue> entry) {
        if (t instanceof LazyTable lazy) {
            lazy.forEachAtHand(entry);
            return;
        }
        for (LuaValue k = LuaValue.NIL; ; ) {
            Varargs n = t.next(k);
            if ((k = n.arg1()).isnil()) return;
            entry.accept(k, n.arg(2));
        }
    }
}
