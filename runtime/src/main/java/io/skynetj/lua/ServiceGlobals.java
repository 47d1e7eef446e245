package io.skynetj.lua;

import io.skynetj.kernel.Execution;
import io.skynetj.lua.lib.WaitingThreads;
import java.util.ArrayList;
import java.util.List;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaThread;
import org.luaj.vm2.LuaValue;

/** A service's globals; file loads (require's Lua searcher included) go through the code cache. */
final class ServiceGlobals extends Globals implements WaitingThreads {
    final CodeLoader loader;
    /** Set once the service's body has its globals. */
    LuaServiceBody body;

    ServiceGlobals(CodeLoader loader) {
        this.loader = loader;
        presize(0, 64); // the ~45 names the libraries put here, without growing the table six times
    }

    /** Used by LuaJ's require searcher: the compiled file, or a LuaError. */
    @Override
    public LuaValue loadfile(String filename) {
        return loader.load(filename, this);
    }

    /**
     * The service's executions held in the kernel: waiting (skynet.call, wait, sleep), woken, and forks
     * and timer callbacks not started yet. skynet keeps all of their coroutines in Lua tables.
     */
    @Override
    public List<LuaThread> waitingThreads() {
        List<LuaThread> threads = new ArrayList<>();
        if (body == null) return threads;
        for (Execution e : body.service.suspended()) threads.add(body.exposedThreadOf(e));
        for (Execution e : body.service.pending()) threads.add(body.exposedThreadOf(e));
        return threads;
    }
}
