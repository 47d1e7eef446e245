package io.skynetj.lua;

import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.lib.PackageLib;
import org.luaj.vm2.lib.StringLib;

/**
 * LuaJ keeps the string metatable in a static field that the first StringLib loaded fills with
 * that VM's own {@code string} table, so one service could change every other service's string
 * methods. Before any service exists we install a kernel-owned, frozen metatable; each service still
 * gets its own {@code string} table (StringLib leaves a non-null metatable alone).
 */
final class SharedStringMetatable {
    private SharedStringMetatable() {}

    static synchronized void install() {
        if (LuaString.s_metatable instanceof FrozenTable) return;
        Globals scratch = new Globals();
        scratch.load(new PackageLib());
        LuaValue string = new StringLib().call(LuaValue.valueOf("string"), scratch);
        FrozenTable methods = new FrozenTable();
        LuaValue k = LuaValue.NIL;
        while (true) {
            var next = string.next(k);
            if ((k = next.arg1()).isnil()) break;
            methods.rawset(k, next.arg(2));
        }
        FrozenTable mt = new FrozenTable();
        mt.rawset(LuaValue.INDEX, methods.freeze());
        LuaString.s_metatable = mt.freeze();
    }
}
