package io.skynetj.lua;

import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaValue;

/** A service's globals; file loads (require's Lua searcher included) go through the code cache. */
final class ServiceGlobals extends Globals {
    final CodeLoader loader;

    ServiceGlobals(CodeLoader loader) {
        this.loader = loader;
        presize(0, 64); // the ~45 names the libraries put here, without growing the table six times
    }

    /** Used by LuaJ's require searcher: the compiled file, or a LuaError. */
    @Override
    public LuaValue loadfile(String filename) {
        return loader.load(filename, this);
    }
}
