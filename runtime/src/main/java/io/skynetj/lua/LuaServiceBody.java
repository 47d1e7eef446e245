package io.skynetj.lua;

import io.skynetj.kernel.Address;
import io.skynetj.kernel.Execution;
import io.skynetj.kernel.Message;
import io.skynetj.kernel.Service;
import io.skynetj.kernel.ServiceBody;
import io.skynetj.lua.inject.PatchHistory;
import java.util.List;
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
    /** Patches injected into this service and still in effect (console inject/patches/rollback). */
    final PatchHistory patches = new PatchHistory();
    LuaValue callback = LuaValue.NIL;
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

    /** The start-up job: run the service file with its arguments. */
    record Main(ServiceFile file, List<String> args) {}

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
            loader.load(m.file.path(), globals).invoke(LuaValue.varargsOf(args));
        } catch (LuaError err) {
            String msg = message(err);
            service.node.log(service.handle, "init service failed: " + msg);
            LuaRuntime.notifyLauncher(service, "ERROR", msg);
            service.exit();
        }
        if (!startCalled) LuaRuntime.notifyLauncher(service, "LAUNCHOK", null);
        return true;
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

    @Override
    public String describe() {
        return launchCommand;
    }

    public java.util.Map<String, String> codeVersions() {
        return loader.versions();
    }

    LuaFunction callbackFunction() {
        return callback.isfunction() ? callback.checkfunction() : null;
    }
}
