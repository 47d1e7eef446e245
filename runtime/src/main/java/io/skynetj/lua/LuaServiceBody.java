package io.skynetj.lua;

import io.skynetj.cache.CodeVersion;
import io.skynetj.cache.CompiledChunk;
import io.skynetj.kernel.Address;
import io.skynetj.kernel.Execution;
import io.skynetj.kernel.Message;
import io.skynetj.kernel.Ptype;
import io.skynetj.kernel.Service;
import io.skynetj.kernel.ServiceBody;
import java.util.List;
import java.util.Map;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaThread;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * A Lua service: one LuaJ environment whose executions run skynet's Lua API. Requests go to the
 * callback that {@code skynet.lua} registers ({@code dispatch_message}); forks and timer callbacks
 * run Lua functions; the first execution runs the service's main file.
 */
public final class LuaServiceBody implements ServiceBody {
    final LuaRuntime runtime;
    final Service service;
    final ServiceGlobals globals;
    final CodeLoader loader;
    /** What {@code list} shows: the launch command ("snlua name args"). */
    final String launchCommand;
    LuaValue callback = LuaValue.NIL;
    /** The skynet.core module of this service, once required. */
    SkynetCore core;
    boolean startCalled;

    LuaServiceBody(LuaRuntime runtime, Service service, String launchCommand) {
        this.runtime = runtime;
        this.service = service;
        this.launchCommand = launchCommand;
        this.loader = new CodeLoader(runtime.cache());
        this.globals = LuaVm.newGlobals(this);
    }

    /** A Lua function and its arguments, run as a fork or timer callback. */
    record Call(LuaValue function, Varargs args) {}

    /** The start-up job: run the service file (compiled when it was launched) with its arguments. */
    record Main(ServiceFile file, CompiledChunk chunk, List<String> args) {}

    @Override
    public boolean run(Execution e) {
        globals.running = threadOf(e);
        try {
            if (e.request != null) {
                dispatch(e.request);
            } else if (e.job instanceof Call c) {
                c.function.invoke(c.args);
            } else if (e.job instanceof Main m) {
                return runMain(m);
            }
            return true;
        } catch (LuaError err) {
            Message m = e.request;
            logError(m == null ? 0 : m.source, m == null ? 0 : m.session, m == null ? 0 : m.data.length, err);
            return false;
        } catch (StackOverflowError so) {
            logError(0, e.session(), 0, new LuaError("stack overflow"));
            return false;
        }
    }

    private void dispatch(Message m) {
        if (callback.isnil()) throw new LuaError("service has no message callback (did it require \"skynet\"?)");
        if (core != null && core.dispatch(m)) return;
        callback.invoke(LuaValue.varargsOf(new LuaValue[] {
            LuaValue.valueOf(m.type), Payload.wrap(m.data), LuaValue.valueOf(m.data.length),
            LuaValue.valueOf(m.session), LuaValue.valueOf(m.source)}));
    }

    private boolean runMain(Main m) {
        try {
            LuaVm.prepareService(this, m.file);
            LuaValue[] args = new LuaValue[m.args.size()];
            for (int i = 0; i < args.length; i++) args[i] = LuaValue.valueOf(m.args.get(i));
            runtime.runPreload(this, args);
            loader.closure(m.chunk, globals).invoke(LuaValue.varargsOf(args));
        } catch (LuaError err) {
            String msg = message(err);
            service.node.log(service.handle, "init service failed: " + msg);
            notifyLauncher("ERROR", msg);
            service.exit();
        }
        if (!startCalled) notifyLauncher("LAUNCHOK", null);
        return true;
    }

    /** Tells the launcher how start-up went (skynet.lua does this from init_service). */
    void notifyLauncher(String what, String detail) {
        int launcher = service.node.lookup(".launcher");
        if (launcher == 0 || launcher == service.handle) return;
        Varargs args = detail == null ? LuaValue.valueOf(what) : LuaValue.varargsOf(LuaValue.valueOf(what), LuaValue.valueOf(detail));
        service.send(launcher, Ptype.LUA, 0, Pack.pack(args));
    }

    private void logError(int source, int session, int size, LuaError err) {
        service.node.log(service.handle, String.format("lua call [%s to %s : %d msgsz = %d] error : %s",
            Address.format(source), Address.format(service.handle), session, size, message(err)));
    }

    static String message(LuaError err) {
        LuaValue v = err.getMessageObject();
        return v != null && !v.isnil() ? v.tojstring() : String.valueOf(err.getMessage());
    }

    /** The Lua coroutine object of an execution, made on first use. */
    LuaThread threadOf(Execution e) {
        if (e.attachment instanceof LuaThread t) return t;
        RequestThread t = new RequestThread(globals, e);
        e.attachment = t;
        return t;
    }

    /** The execution behind a coroutine object returned by fork/timeout/coroutine.running, or null. */
    Execution executionOf(LuaValue thread) {
        return thread instanceof RequestThread t && t.execution.service() == service ? t.execution : null;
    }

    public LuaTable globals() {
        return globals;
    }

    public String launchCommand() {
        return launchCommand;
    }

    /**
     * The version of every Lua file this service loaded (main file, preload, require, loadfile, dofile),
     * keyed by normalized absolute path, in first-load order; a snapshot, safe to call from any thread.
     */
    public Map<String, CodeVersion> codeVersions() {
        return loader.versions();
    }

    LuaFunction callbackFunction() {
        return callback.isfunction() ? callback.checkfunction() : null;
    }
}
