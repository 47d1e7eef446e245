package io.skynetj.lua;

import java.lang.ref.Cleaner;
import java.util.Queue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;

import io.skynetj.lua.lib.CallBoundary;
import org.luaj.vm2.CallFrames;
import org.luaj.vm2.CoroutineClose;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaThread;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * A Lua coroutine that runs on its own virtual thread, started at the first resume.
 *
 * <p>Control passes between the resumer and the coroutine thread through {@link Core}: one side publishes its
 * values, flips a volatile phase, unparks the other side and parks until the phase flips back. Both sides wait
 * in a loop on the phase, so unparks from elsewhere are harmless, and the coroutine thread may block in any
 * Java code (the kernel parks it inside calls such as {@code skynet.call}) while its resumer keeps waiting.
 *
 * <p>The Lua-visible status lives in {@code state.status}, as for LuaJ's main thread, so a main thread that
 * resumed a coroutine reports "normal" too.
 *
 * <p>A suspended coroutine nobody references can never be resumed, yet its parked thread stays reachable (the
 * JDK tracks every thread). A {@link Cleaner} then queues its {@link Core} as an orphan, and {@link CoroutineLib}
 * unwinds the orphans at the next {@code create} or {@code wrap}: on the Lua thread, never alongside the Lua code
 * that owns the globals, because unwinding closes upvalues and pops debug call frames. A coroutine whose own
 * suspended stack still refers to it (a local holding {@code coroutine.running()}, an enclosing {@code xpcall})
 * stays reachable, and only {@code coroutine.close} ends it.
 */
public final class Coroutine extends LuaThread {

    private static final ThreadFactory THREADS = io.skynetj.kernel.Carriers.factory("lua-coroutine");
    private static final Cleaner CLEANER = Cleaner.create(Thread.ofVirtual().name("lua-coroutine-cleaner").factory());
    private static final AtomicInteger LIVE = new AtomicInteger();

    /**
     * Coroutines resuming one another may nest this deep (Lua 5.4 stops at about the same depth, its
     * LUAI_MAXCCALLS); deeper, resume fails with "C stack overflow". Each level holds a parked thread:
     * unbounded, a coroutine resuming a new one of itself filled the heap.
     */
    private static final int MAX_NESTING = 197;

    private final Core core;
    /** How many coroutines deep this one runs (1: resumed by a thread that is not a coroutine). */
    private int nesting;
    /** The error value this coroutine died with, until {@code close} reports it. */
    private LuaValue error;

    Coroutine(Globals globals, LuaValue function, Queue<Core> orphans) {
        super(globals, function);
        core = new Core(globals, function, orphans);
    }

    /** Coroutine threads started and not yet ended, in this JVM. */
    public static int liveThreads() {
        return LIVE.get();
    }

    @Override
    public Varargs resume(Varargs args) {
        int status = state.status;
        if (status > STATUS_SUSPENDED)
            return varargsOf(FALSE, valueOf(
                    "cannot resume " + (status == STATUS_DEAD ? "dead" : "non-suspended") + " coroutine"));
        int depth = globals.running instanceof Coroutine resumer ? resumer.nesting + 1 : 1;
        if (depth > MAX_NESTING)
            return varargsOf(FALSE, valueOf("C stack overflow"));
        nesting = depth;
        if (status == STATUS_INITIAL)
            CLEANER.register(this, core::orphaned);
        return enter(args, false);
    }

    /** {@code coroutine.close}: true, or false and the error value if the coroutine died in error. */
    Varargs close() {
        switch (state.status) {
            case STATUS_INITIAL -> state.status = STATUS_DEAD;
            case STATUS_SUSPENDED -> {
                core.closing = true; // unwinding closes its pending to-be-closed variables (Lua 5.4)
                enter(NONE, true);
            }
            case STATUS_DEAD -> {
                CallFrames.of(this).closed();
                CallFrames.Pending pending = core.pending;
                core.pending = null;
                if (pending != null) // Lua 5.4: a coroutine that died of an error closes its variables now
                    error = pending.close(globals.running, error);
            }
            default -> throw new LuaError("cannot close a " + getStatus() + " coroutine");
        }
        LuaValue e = error;
        error = null;
        return e == null ? TRUE : varargsOf(FALSE, e);
    }

    /** Runs this coroutine until it yields or ends (or, with kill, unwinds it) as {@code globals.running}. */
    private Varargs enter(Varargs args, boolean kill) {
        LuaThread resumer = globals.running;
        resumer.state.status = STATUS_NORMAL;
        state.status = STATUS_RUNNING;
        globals.running = this;
        Varargs values;
        try {
            values = core.transfer(args, kill);
        } finally {
            globals.running = resumer;
            resumer.state.status = STATUS_RUNNING;
        }
        int phase = core.phase;
        state.status = phase == Core.SUSPENDED ? STATUS_SUSPENDED : STATUS_DEAD;
        return switch (phase) {
            case Core.SUSPENDED, Core.RETURNED -> varargsOf(TRUE, values);
            case Core.FAILED -> varargsOf(FALSE, error = values.arg1());
            default -> {
                if (core.crash instanceof Error e)
                    throw e;
                throw new LuaError(core.crash);
            }
        };
    }

    /** {@code coroutine.yield}, from whatever coroutine is running. */
    static Varargs yield(Globals globals, Varargs values) {
        Core core = coreOf(globals.running);
        // Also refuses other threads running Lua on these globals while the coroutine is blocked in a Java call.
        if (core == null || core.thread != Thread.currentThread())
            throw new LuaError("attempt to yield from outside a coroutine");
        if (CallBoundary.crossed())
            throw new LuaError("attempt to yield across a C-call boundary", 0); // no position, as 5.4 (raised by a C function)
        return core.yield(values);
    }

    // A separate method so that no frame of the suspended stack holds the Coroutine: that would keep it reachable.
    private static Core coreOf(LuaThread thread) {
        return thread instanceof Coroutine co ? co.core : null;
    }

    /** Unwinds the queued orphans' threads, one after the other, on the calling (Lua) thread. */
    static void unwindOrphans(Globals globals, Queue<Core> orphans) {
        Core orphan = orphans.poll();
        if (orphan == null)
            return;
        LuaThread running = globals.running;
        globals.running = new LuaThread(globals); // takes the debug call-stack updates of the unwinding frames
        try {
            do
                orphan.transfer(NONE, true); // no one is left to hear how it ended
            while ((orphan = orphans.poll()) != null);
        } finally {
            globals.running = running;
        }
    }

    /** The handoff between resumer and coroutine thread. Must not refer to its Coroutine (see class comment). */
    static final class Core implements Runnable {
        static final int RUNNING = 0, SUSPENDED = 1, RETURNED = 2, FAILED = 3, CRASHED = 4;

        private final Globals globals;
        private final LuaValue function;
        private final Queue<Core> orphans;
        /** RUNNING while the coroutine thread has control, else why it stopped. Publishes the fields below. */
        private volatile int phase = SUSPENDED;
        private Thread thread;
        private Thread resumer;
        /** Resume arguments on the way in; yielded or returned values, or the error value, on the way out. */
        private Varargs values;
        private boolean kill;
        /** The kill is coroutine.close's: the unwinding runs the __close of pending to-be-closed variables. */
        private boolean closing;
        private Throwable crash;
        /** The to-be-closed variables the error the coroutine died of left pending, for coroutine.close. */
        private CallFrames.Pending pending;

        private Core(Globals globals, LuaValue function, Queue<Core> orphans) {
            this.globals = globals;
            this.function = function;
            this.orphans = orphans;
        }

        /** Resumer side: gives the coroutine control and waits until it stops. Kill makes it unwind instead. */
        private Varargs transfer(Varargs args, boolean kill) {
            values = args;
            this.kill = kill;
            resumer = Thread.currentThread();
            phase = RUNNING;
            if (thread == null) {
                thread = THREADS.newThread(this);
                LIVE.incrementAndGet();
                thread.start();
            } else {
                LockSupport.unpark(thread);
            }
            while (phase == RUNNING)
                LockSupport.park(this);
            Varargs out = values;
            values = null;
            resumer = null;
            return out;
        }

        /** Coroutine side: hands values to the resumer and waits to be resumed. */
        private Varargs yield(Varargs out) {
            if (kill) // Java code on the stack caught the unwinding and went on
                throw unwinding();
            stop(SUSPENDED, out);
            while (phase != RUNNING)
                LockSupport.park(this);
            if (kill)
                throw unwinding();
            return values;
        }

        private Error unwinding() {
            return closing ? new CoroutineClose() : new Killed();
        }

        @Override
        public void run() {
            int why = RETURNED;
            Varargs out = NONE;
            // The body is a protected call as in Lua 5.4: an error's pending to-be-closed variables wait
            // for coroutine.close. The frames, not the running thread, are held (see class comment).
            CallFrames frames = CallFrames.of(globals.running);
            int mark = frames.enterProtected();
            try {
                out = function.invoke(values);
            } catch (Killed k) {
                // orphaned while suspended: a normal end, no one is left to close anything for
            } catch (CoroutineClose c) { // closed while suspended: fails if a __close raised an error
                if (!closing) { // not by coroutine.close: the execution it runs in is closed (skynet.exit)
                    why = CRASHED;
                    crash = c;
                } else if (c.error != null) {
                    why = FAILED;
                    out = c.error;
                }
            } catch (LuaError e) {
                why = FAILED;
                LuaValue m = e.getMessageObject();
                out = m != null ? m : NIL;
                pending = frames.takePending(mark);
                frames.diedOf(e); // its traceback shows where, as Lua 5.4 keeps a dead coroutine's stack
            } catch (Exception e) { // as pcall reports it
                why = FAILED;
                out = valueOf(e.getMessage() != null ? e.getMessage() : e.toString());
                pending = frames.takePending(mark);
            } catch (Throwable t) { // not Lua's to catch (pcall lets it through too): rethrown to the resumer
                why = CRASHED;
                crash = t;
            } finally {
                frames.leaveProtected(mark);
            }
            LIVE.decrementAndGet();
            stop(why, out);
        }

        private void stop(int why, Varargs out) {
            values = out;
            Thread r = resumer; // read before the phase write: after it, the resumer owns the fields again
            phase = why;
            LockSupport.unpark(r);
        }

        /** Cleaner action, once the Coroutine is unreachable. */
        private void orphaned() {
            if (phase == SUSPENDED)
                orphans.add(this);
        }
    }

    /** Unwinds a closed or orphaned coroutine's thread. An Error, so that Lua's pcall does not catch it. */
    private static final class Killed extends Error {
        Killed() {
            super("coroutine closed", null, false, false);
        }
    }
}
