package io.skynetj.lua.lib;

import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaThread;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * {@code debug.getregistry}: what code
 * that walks every reachable value (skynet's sharetable.update) starts from. The registry is one
 * table per state holding, as Lua's, the globals at 2 and {@code _LOADED}/{@code _PRELOAD}; a state
 * whose threads wait where no Lua value reaches them (a service's executions parked in the kernel,
 * which skynet keeps in a Lua table of sessions) lists them under {@link #THREADS}, refreshed at each
 * call. As in Lua, {@code _HOOKKEY} maps the threads with a hook to their hook functions, weakly,
 * once debug.sethook has run.
 */
final class DebugRegistry {
    /** The registry key of the state's waiting threads (a sequence), where it has any. */
    static final String THREADS = "skynetj.threads";

    private DebugRegistry() {}

    static void install(Globals g, LuaTable debug, HookTable hooks) {
        LuaTable registry = new LuaTable();
        debug.set("getregistry", LuaFn.of("getregistry", a -> {
            registry.rawset(2, g);
            LuaValue pkg = g.get("package");
            if (pkg.istable()) {
                registry.rawset("_LOADED", pkg.get("loaded"));
                registry.rawset("_PRELOAD", pkg.get("preload"));
            }
            if (g instanceof WaitingThreads w) {
                LuaTable threads = new LuaTable();
                for (LuaThread t : w.waitingThreads()) threads.insert(0, t);
                registry.rawset(THREADS, threads);
            }
            if (hooks.made()) registry.rawset("_HOOKKEY", hooks.table());
            return registry;
        }));
    }
}
