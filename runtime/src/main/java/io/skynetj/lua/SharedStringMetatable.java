package io.skynetj.lua;

import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;

/**
 * LuaJ keeps the string metatable in a static field that the first StringLib loaded fills with
 * that VM's own {@code string} table, so one service could change every other service's string
 * methods. Before any service exists we install a kernel-owned, frozen metatable; each service still
 * gets its own {@code string} table holding the same functions ({@link SharedLibraries}).
 */
final class SharedStringMetatable {
    private SharedStringMetatable() {}

    static synchronized void install() {
        if (LuaString.s_metatable instanceof FrozenTable) return;
        FrozenTable methods = new FrozenTable();
        SharedLibraries.copy("string", methods);
        FrozenTable mt = new FrozenTable();
        mt.rawset(LuaValue.INDEX, methods.freeze());
        LuaString.s_metatable = mt.freeze();
    }
}
