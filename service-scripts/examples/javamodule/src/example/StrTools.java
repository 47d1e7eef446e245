package example;

import io.skynetj.lua.JavaModule;
import io.skynetj.lua.lib.LuaFn;
import io.skynetj.lua.LuaServiceBody;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

/** An example Java module: {@code local strtools = require "strtools"}. */
public final class StrTools implements JavaModule {
    @Override
    public String name() {
        return "strtools";
    }

    @Override
    public LuaValue open(LuaServiceBody service) {
        LuaTable m = new LuaTable(); // a table of its own for every service
        // reverse(s) -> s with its characters in reverse order
        m.set("reverse", LuaFn.of("reverse", a -> LuaValue.valueOf(new StringBuilder(a.checkjstring(1)).reverse().toString())));
        // words(s) -> { "word", ... } split on white space
        m.set("words", LuaFn.of("words", a -> {
            LuaTable words = new LuaTable();
            for (String w : a.checkjstring(1).trim().split("\\s+")) if (!w.isEmpty()) words.insert(words.length() + 1, LuaValue.valueOf(w));
            return words;
        }));
        // owner() -> address of the service this copy of the module belongs to
        int handle = service.service().handle;
        m.set("owner", LuaFn.of("owner", a -> LuaValue.valueOf(handle)));
        return m;
    }
}
