package io.skynetj.lua;

import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;

/**
 * LuaJ keeps a string metatable in a static field that the first StringLib loaded fills with that
 * VM's own {@code string} table. Services never see it: each has its own string metatable
 * ({@code Globals.stringmetatable}, see io.skynetj.lua.lib.StringMetatable). What is left using the
 * static one (Java code indexing a string, a chunk loaded with a plain table as its environment) gets
 * this kernel-owned, frozen table of the standard functions, so no service can change it for others.
 */
final class SharedStringMetatable {
    private SharedStringMetatable() {}

    static synchronized void install() {
        if (LuaString.s_metatable instanceof FrozenTable) return;
        FrozenTable mt = new FrozenTable();
        mt.rawset(LuaValue.INDEX, SharedLibraries.shared("string"));
        LuaString.s_metatable = mt.freeze();
    }
}
