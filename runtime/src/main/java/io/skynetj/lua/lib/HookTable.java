package io.skynetj.lua.lib;

import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

/**
 * A state's table of hook functions by thread, with weak keys, as Lua keeps it in its registry
 * under {@code _HOOKKEY}: made by the first {@code debug.sethook}, then kept (Lua's is too).
 */
final class HookTable {
    private LuaTable table;

    LuaTable table() {
        if (table == null) {
            table = new LuaTable();
            table.setmetatable(LuaValue.tableOf(new LuaValue[] {LuaValue.valueOf("__mode"), LuaValue.valueOf("k")}));
        }
        return table;
    }

    boolean made() {
        return table != null;
    }
}
