package io.skynetj.lua;

import io.skynetj.kernel.Execution;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaThread;

/**
 * The Lua-visible coroutine of one execution (a request, fork or timer callback): what
 * {@code coroutine.running()} returns inside it and the default token of sleep/wait. It is not
 * resumable from Lua: the kernel schedules it.
 */
final class RequestThread extends LuaThread {
    final Execution execution;

    RequestThread(Globals globals, Execution execution) {
        super(globals);
        this.execution = execution;
    }

    @Override
    public boolean isMainThread() {
        return false;
    }
}
