package io.skynetj.lua;

import io.skynetj.lua.lib.LuaFn;
import io.skynetj.kernel.Execution;
import java.util.IdentityHashMap;
import java.util.Map;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * {@code require "skynet.profile"}: {@code start([co])} and {@code stop([co])} give the seconds a
 * skynet thread spent running (not blocked in a call, sleep or wait) between them. skynet measures
 * this in its coroutine resume; here the kernel already times each execution while it holds the
 * service, so {@code resume} and {@code wrap} are the coroutine library's own. A coroutine of
 * {@code skynet.coroutine} runs inside the skynet thread that resumes it and is counted as part of it.
 * With config {@code profile = false} every time is 0, as in skynet.
 */
final class ProfileModule {
    private ProfileModule() {}

    static LuaTable create(LuaServiceBody body) {
        Map<Execution, Double> started = new IdentityHashMap<>();
        LuaTable m = new LuaTable();
        m.set("start", LuaFn.of("start", a -> {
            Execution e = execution(body, a);
            if (started.containsKey(e)) throw new LuaError("Thread " + thread(body, a) + " start profile more than once");
            started.put(e, body.service.runSeconds(e));
            return LuaValue.NONE;
        }));
        m.set("stop", LuaFn.of("stop", a -> {
            Execution e = execution(body, a);
            Double start = started.remove(e);
            if (start == null) throw new LuaError("Call profile.start() before profile.stop()");
            return LuaValue.valueOf(body.service.runSeconds(e) - start);
        }));
        LuaValue coroutine = body.globals.get("coroutine");
        m.set("resume", coroutine.get("resume"));
        m.set("wrap", coroutine.get("wrap"));
        return m;
    }

    /** The skynet thread of the argument (a coroutine), or of the caller; a plain coroutine counts as the thread running it. */
    private static Execution execution(LuaServiceBody body, Varargs a) {
        if (!a.isnil(1) && !a.arg1().isthread()) throw new LuaError("bad argument #1 (thread expected, got " + a.arg1().typename() + ")");
        Execution e = a.isnil(1) ? null : body.executionOf(a.arg1());
        if (e == null) e = body.service.current();
        if (e == null) throw new LuaError("skynet.profile: no running skynet thread");
        return e;
    }

    private static String thread(LuaServiceBody body, Varargs a) {
        return (a.isnil(1) ? body.globals.running : a.arg1()).tojstring();
    }
}
