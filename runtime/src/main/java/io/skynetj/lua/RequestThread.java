package io.skynetj.lua;

import io.skynetj.kernel.Execution;
import io.skynetj.lua.lib.NotStarted;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaThread;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * The Lua-visible coroutine of one execution (a request, fork or timer callback): what
 * {@code coroutine.running()} returns inside it and the default token of sleep/wait. It is not
 * resumable from Lua: the kernel schedules it.
 *
 * <p>Like skynet, which pools its coroutines, a service reuses the object of a finished execution
 * for its next one (see {@link LuaServiceBody#threadOf}) — but only one that Lua code never got hold
 * of and that carries nothing of its execution, so no request can tell.
 */
final class RequestThread extends LuaThread implements NotStarted {
    /** The execution this object currently stands for (baton holder only). */
    Execution execution;
    /** Set once Lua code could hold this object (coroutine.running, skynet.fork, skynet.timeout): never reused then. */
    boolean exposed;

    RequestThread(Globals globals, Execution execution) {
        super(globals);
        this.execution = execution;
    }

    @Override
    public boolean isMainThread() {
        return false;
    }

    /** A fork's or timer callback's function and arguments until it starts. */
    @Override
    public Varargs body() {
        Execution e = execution;
        return e != null && e.job instanceof LuaServiceBody.Call c ? c.body() : LuaValue.NONE;
    }

    /**
     * True when the finished execution left nothing behind that the next one could see: never
     * handed to Lua, no error handler or debug call stack set, not resuming a coroutine. (A thread
     * with a debug hook keeps its frames, CallFrames.release, so it is never asked.)
     */
    boolean reusable() {
        return !exposed && errorfunc == null && callstack == null && state.status == STATUS_RUNNING;
    }
}
