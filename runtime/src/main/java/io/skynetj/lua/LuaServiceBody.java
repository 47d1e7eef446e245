package io.skynetj.lua;

import io.skynetj.cache.CodeVersion;
import io.skynetj.cache.CompiledChunk;
import io.skynetj.kernel.Address;
import io.skynetj.kernel.Execution;
import io.skynetj.kernel.Message;
import io.skynetj.kernel.Ptype;
import io.skynetj.kernel.Service;
import io.skynetj.kernel.ServiceBody;
import io.skynetj.lua.inject.PatchHistory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.Map;
import org.luaj.vm2.CallFrames;
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
    /** skynet.timeout callbacks not started yet (skynet.task, trace_timeout). */
    final PendingTimeouts timeouts = new PendingTimeouts();
    LuaValue callback = LuaValue.NIL;
    /** The skynet.core module of this service, once required. */
    SkynetCore core;
    boolean startCalled;
    /** Completes when the start function has returned; fails when start-up failed or the service exited. */
    final CompletableFuture<Void> started = new CompletableFuture<>();
    /** The service's hand-over hooks for upgrades (skynet.upgrade.hooks), or nil. */
    LuaValue snapshotHook = LuaValue.NIL;
    LuaValue restoreHook = LuaValue.NIL;
    /** The version the service declares (upgrade.hooks{ version = ... }), or null. */
    String declaredVersion;
    /** A new instance of a managed service holds its forks and timer callbacks until its hand-over (see {@link #holdBackground}). */
    private boolean holding;
    /** Set by skynet.exit once the calling execution starts to unwind (its __close run, then the service ends). */
    private boolean exiting;
    /** Forks and timer callbacks held since the start function returned; null when not holding. */
    private List<Call> held;
    private volatile CompiledChunk mainChunk;
    /** The call frames of the last execution that ended, for the next one (baton holder only). */
    private CallFrames spareFrames;
    /** The coroutine object of the last execution that ended, if reusable, for the next one (baton holder only). */
    private RequestThread spareThread;
    /** Fair scheduling, kill, signal, endless_limit and memlimit at the interpreter's safe points. */
    final SafePoints safePoints;
    /** What the service allocates and keeps (skynet.memlimit, console mem, the memory guard). */
    final MemoryAccount memory;

    LuaServiceBody(LuaRuntime runtime, Service service, String launchCommand) {
        this.runtime = runtime;
        this.service = service;
        this.launchCommand = launchCommand;
        this.loader = new CodeLoader(runtime.cache());
        this.memory = new MemoryAccount(this);
        this.safePoints = new SafePoints(service, memory, runtime.memoryGuard, runtime.endlessLimitSeconds());
        this.globals = LuaVm.newGlobals(this);
        ServiceFinalizers.attach(this);
    }

    /** A Lua function and its arguments, run as a fork or timer callback. */
    static final class Call {
        final LuaValue function;
        private final LuaValue[] args;
        /**
         * The arguments as a Lua table, once code walking the service's values asked for the body of
         * this call before it started (sharetable.update, through stackvalues): it runs with what the
         * table holds then, as skynet's fork runs with its packed arguments.
         */
        private LuaTable shown;
        private boolean started;

        Call(LuaValue function, Varargs args) {
            this.function = function;
            // LuaJ's varargs may be a view of the caller's stack, which it overwrites before the call runs
            this.args = new LuaValue[args.narg()];
            for (int i = 0; i < this.args.length; i++) this.args[i] = args.arg(i + 1);
        }

        void run() {
            started = true;
            function.invoke(shown == null ? LuaValue.varargsOf(args) : shown.unpack(1, args.length));
        }

        /** The function and a table of its arguments while it has not started, else none. */
        Varargs body() {
            if (started) return LuaValue.NONE;
            if (shown == null) shown = LuaValue.listOf(args);
            return LuaValue.varargsOf(function, shown);
        }
    }

    /** The start-up job: run the service file (compiled when it was launched) with its arguments. */
    record Main(ServiceFile file, CompiledChunk chunk, List<String> args) {}

    @Override
    public boolean run(Execution e) {
        LuaThread thread = threadOf(e);
        if (spareFrames != null) {
            CallFrames.adopt(thread, spareFrames);
            spareFrames = null;
        }
        globals.running = thread;
        memory.executionStarts();
        boolean ok = runJob(e);
        memory.executionEnds();
        // not after a ServiceExit: a killed execution unwinds without the baton
        CallFrames released = CallFrames.release(thread);
        if (released != null) {
            spareFrames = released;
            // its frames all returned: a request's coroutine object is free too, unless Lua saw it or it
            // keeps state (not the main chunk's: a service that never gets a request keeps no spare)
            if (e.request != null && thread instanceof RequestThread t && t.reusable()) {
                t.execution = null; // nor the request it served
                spareThread = t;
            }
        }
        return ok;
    }

    private boolean runJob(Execution e) {
        try {
            if (e.request != null) {
                dispatch(e.request);
            } else if (e.job instanceof Call c) {
                timeouts.ended(e);
                if (held != null) held.add(c);
                else c.run();
            } else if (e.job instanceof Main m) {
                return runMain(m);
            } else if (e.job instanceof Runnable kernelTask) {
                kernelTask.run();
            }
            return true;
        } catch (ExecutionClose close) {
            if (close.error != null) // skynet's coroutine.close would return it unread: said here instead
                service.node.log(service.handle, "error in __close while closing a coroutine: " + close.error.tojstring());
            if (close.exiting) service.exit();
            return false;
        } catch (LuaError err) {
            Message m = e.request;
            e.failure(message(err));
            logError(m == null ? 0 : m.source, m == null ? 0 : m.session, m == null ? 0 : m.data.length, err);
            return false;
        } catch (OutOfMemoryError oom) {
            // the JVM ran out while this code ran (not necessarily its fault): the execution fails, the service goes on
            e.failure("not enough memory");
            Message m = e.request;
            service.node.log(service.handle, String.format("lua memory error : [%x to :%x : %d] (the JVM heap is full)",
                m == null ? 0 : m.source, service.handle, e.session()));
            return false;
        } catch (StackOverflowError so) {
            logError(0, e.session(), 0, new LuaError("stack overflow"));
            return false;
        }
    }


    private void dispatch(Message m) {
        if (callback.isnil()) throw new LuaError("service has no message callback (did it require \"skynet\"?)");
        try {
            if (core != null && core.dispatch(m)) return;
            callback.invoke(LuaValue.varargsOf(new LuaValue[] {
                LuaValue.valueOf(m.type), Payload.wrap(m.data), LuaValue.valueOf(m.data.length),
                LuaValue.valueOf(m.session), LuaValue.valueOf(m.source)}));
        } catch (LuaError e) {
            if (core != null) core.requestFailed(m.session);
            throw e;
        }
    }

    private boolean runMain(Main m) {
        mainChunk = m.chunk;
        try {
            LuaVm.prepareService(this, m.file);
            LuaValue[] args = new LuaValue[m.args.size()];
            for (int i = 0; i < args.length; i++) args[i] = LuaValue.valueOf(m.args.get(i));
            runtime.runPreload(this, args);
            loader.closure(m.chunk, globals).invoke(LuaValue.varargsOf(args));
        } catch (LuaError err) {
            String msg = message(err);
            service.node.log(service.handle, "init service failed: " + msg);
            LuaRuntime.notifyLauncher(service, "ERROR", msg);
            started.completeExceptionally(new LuaRuntime.LaunchException(msg));
            exitWithoutClosing();
        }
        if (!startCalled) {
            LuaRuntime.notifyLauncher(service, "LAUNCHOK", null);
            startedOk();
        }
        return true;
    }

    /** The start function returned: from here on a new instance waiting for its hand-over holds its forks and timers. */
    void startedOk() {
        if (holding) held = new ArrayList<>();
        started.complete(null);
    }

    /**
     * Makes this instance (not started yet) hold the forks and timer callbacks it creates before its
     * hand-over: once its start function has returned they wait, and run only when
     * {@link #releaseBackground} is called after a successful restore. An instance that is rolled
     * back is killed with them never run.
     */
    void holdBackground() {
        holding = true;
    }

    /** Runs the held forks and timer callbacks, in the order they came (baton holder); returns how many. */
    public int releaseBackground() {
        List<Call> calls = held;
        holding = false;
        held = null;
        if (calls == null) return 0;
        for (Call c : calls) service.fork(c);
        return calls.size();
    }

    /**
     * skynet.killthread and the console's killtask: closes a suspended coroutine (its __close run on
     * its own thread) or drops a fork not started; false when {@code e} is neither.
     */
    boolean killExecution(Execution e) {
        LuaThread me = globals.running; // the unwound execution ran as its own coroutine meanwhile
        try {
            return service.killExecution(e, new ExecutionClose(false));
        } finally {
            globals.running = me;
        }
    }

    /** skynet's line for a service that ends itself (handle_exit in skynet_server.c). */
    private void logExit() {
        service.node.log(service.handle, "KILL self");
    }

    /** Ends the service at once, its suspended coroutines not closed (a failed start, the EXIT command). */
    void exitWithoutClosing() {
        logExit();
        service.exit();
    }

    /** skynet.exit: closes the suspended coroutines, then unwinds the caller's (the service ends after). */
    void exit() {
        LuaThread me = globals.running;
        try {
            service.unwindSuspended(() -> new ExecutionClose(false));
        } finally {
            globals.running = me;
        }
        logExit();
        exiting = true;
        throw new ExecutionClose(true);
    }

    /**
     * A finalizer, or a __close run while its coroutine is closed, cannot block (skynet.call, sleep,
     * wait): as a yield inside __gc or inside coroutine.close in Lua 5.4.
     */
    void refuseBlockingWhereLuaCannotYield() {
        Execution e = service.current();
        if (globals.finalizers.running() || exiting || e != null && e.unwinding())
            throw new LuaError("attempt to yield across a C-call boundary", 0); // no position: as 5.4's
    }

    @Override
    public void exited() {
        ServiceFinalizers.atExit(this);
        if (started.isDone()) return; // the usual case: no exception to build for every kill
        started.completeExceptionally(new LuaRuntime.LaunchException(
            "service " + Address.format(service.handle) + " exited during start"));
    }

    /** Runs the snapshot hook (upgrade hand-over): the packed state, or an empty payload without a hook. */
    public byte[] snapshot() {
        return snapshotHook.isnil() ? Message.EMPTY : Pack.pack(snapshotHook.invoke());
    }

    /** Runs the restore hook with the state a previous instance packed; a service without one ignores it. */
    public void restore(byte[] state, String fromVersion) {
        if (restoreHook.isnil()) return;
        LuaValue value = state.length == 0 ? LuaValue.NIL : Pack.unpack(state).arg1();
        restoreHook.call(value, LuaValue.valueOf(fromVersion));
    }

    public boolean hasHandOverHooks() {
        return !snapshotHook.isnil() || !restoreHook.isnil();
    }

    /** Completes when the start function has returned; fails with the reason when start-up failed. */
    public CompletableFuture<Void> started() {
        return started;
    }

    /** Blocks the calling Lua code until {@code work} completes: its bytes unpacked, or a Lua error with its failure. */
    public Varargs await(CompletableFuture<byte[]> work) {
        refuseBlockingWhereLuaCannotYield();
        LuaThread me = globals.running;
        Message reply;
        try {
            reply = service.join(work);
        } finally {
            globals.running = me;
        }
        if (reply.type == Ptype.ERROR) throw new LuaError(new String(reply.data, StandardCharsets.UTF_8));
        return Pack.unpack(reply.data);
    }

    public Service service() {
        return service;
    }

    /** skynet's signal: 0 raises "signal 0" in the service's running (or next) Lua code. */
    @Override
    public void signal(int sig) {
        service.node.log(service.handle, "recv a signal " + sig);
        if (sig == 0) safePoints.signal();
    }

    /** The version the service declared with upgrade.hooks{ version = ... }, else its main file's hash. */
    public String version() {
        String v = declaredVersion;
        return v != null ? v : mainVersion();
    }

    /** The code version (hash) of the service's main file, once it started running. */
    public String mainVersion() {
        CompiledChunk c = mainChunk;
        return c == null ? "?" : c.version().hash();
    }

    /** The chunks this service loaded (to bring this version back later). */
    public Map<String, CompiledChunk> loadedChunks() {
        return loader.chunks();
    }

    private void logError(int source, int session, int size, LuaError err) {
        if (err instanceof MemoryAccount.Exceeded) { // skynet's line for LUA_ERRMEM, then the limit that was passed
            service.node.log(service.handle, String.format("lua memory error : [%x to :%x : %d] live %d bytes over memlimit %d",
                source, service.handle, session, memory.live(), memory.limit()));
            return;
        }
        String traceback = err.getLuaTraceback();
        // the addresses as skynet's lua-skynet.c writes them: the source in bare hex, the service as REG names it (":%x")
        service.node.log(service.handle, String.format("lua call [%x to :%x : %d msgsz = %d] error : %s%s",
            source, service.handle, session, size, message(err), traceback != null ? "\n" + traceback : ""));
    }

    static String message(LuaError err) {
        LuaValue v = err.getMessageObject();
        return v != null && !v.isnil() ? v.tojstring() : String.valueOf(err.getMessage());
    }

    /** The Lua coroutine object of an execution, made (or taken from a finished one) on first use. */
    LuaThread threadOf(Execution e) {
        if (e.attachment() instanceof LuaThread t) return t;
        RequestThread t = spareThread;
        if (t != null) {
            spareThread = null;
            t.execution = e;
        } else {
            t = new RequestThread(globals, e);
        }
        e.attach(t);
        return t;
    }

    /** {@link #threadOf} for an object handed to Lua code, which may keep it: it is never reused. */
    LuaThread exposedThreadOf(Execution e) {
        LuaThread t = threadOf(e);
        if (t instanceof RequestThread r) r.exposed = true;
        return t;
    }

    /** The execution behind a coroutine object returned by fork/timeout/coroutine.running, or null. */
    Execution executionOf(LuaValue thread) {
        return thread instanceof RequestThread t && t.execution != null && t.execution.service() == service ? t.execution : null;
    }

    public LuaTable globals() {
        return globals;
    }

    @Override
    public String describe() {
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
