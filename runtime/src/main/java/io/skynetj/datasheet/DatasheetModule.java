package io.skynetj.datasheet;

import io.skynetj.lua.lib.LuaFn;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

/**
 * {@code require "skynet.datasheet.core"}: skynet's {@code new(handle)}, {@code update(root, handle)}
 * and {@code stringpointer(s)} (a handle is a number here, skynet's is a light userdata), plus
 * skynetj's {@code dump(t)} and {@code diff(last, current)} that our {@code skynet.datasheet.dump}
 * is built on.
 */
final class DatasheetModule {
    private DatasheetModule() {}

    static LuaTable create(SheetRegistry registry) {
        SheetProxies proxies = new SheetProxies();
        LuaTable m = new LuaTable();
        m.set("new", LuaFn.of("new", a -> proxies.proxy(registry.document(a.checklong(1)), 0)));
        m.set("update", LuaFn.of("update", a -> {
            proxies.update(a.arg1(), registry.document(a.checklong(2)));
            return LuaValue.NONE;
        }));
        m.set("stringpointer", LuaFn.of("stringpointer", a -> LuaValue.valueOf(registry.register(a.checkstring(1)))));
        m.set("dump", LuaFn.of("dump", a -> SheetWriter.dump(a.checktable(1))));
        m.set("diff", LuaFn.of("diff", a -> {
            SheetDocument last = new SheetDocument(a.checkstring(1));
            SheetDocument current = new SheetDocument(a.checkstring(2));
            try {
                return SheetDiff.diff(last, current);
            } catch (IndexOutOfBoundsException e) {
                throw new LuaError("Invalid datasheet data");
            }
        }));
        return m;
    }
}
