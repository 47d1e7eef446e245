package org.luaj.vm2;

import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentSkipListMap;

// skynetj's own class (not LuaJ's), compiled into LuaJ's package with the patched sources: see runtime/luaj/README.md.
/**
 * Lua 5.4's finalizers ({@code __gc}) for one Lua state (patch 0048, {@link Globals#finalizers}).
 *
 * <p>{@code setmetatable(o, mt)} with a {@code __gc} field in {@code mt} marks table {@code o}: o gets
 * a {@link Mark}, a small object only o refers to and that refers back to o. When o becomes unreachable
 * so does its mark, and the JVM calls the mark's {@code finalize()}, which hands o back: the one way
 * the JVM gives back an object after it became unreachable, which {@code __gc(o)} needs (o may even
 * be kept again by its finalizer, as in Lua). {@code finalize()} is deprecated for removal (JEP 421)
 * but still runs in JDK 25 unless the JVM is started with {@code --finalization=disabled}; then
 * unreachable objects are simply collected ({@link Jvm#FINALIZES} false) and only the objects
 * still alive when the state closes get their {@code __gc}. A Cleaner or a phantom reference could
 * only say that o is gone, never give it back.
 *
 * <p>{@code finalize()} runs on the JVM's finalizer thread, which never runs Lua: it queues o and
 * tells the state ({@link #becameDue}). The state runs the queued finalizers on its own thread at
 * points where its Lua code may be interrupted ({@link #runDue}: the interpreter's safe points, which
 * test one volatile field every {@link SafePoint#EVERY} calls and loop turns, {@code collectgarbage},
 * a wake-up of an idle service), never two at once, never inside one another. {@link #close} runs
 * what is left when the state ends, as {@code lua_close} does.
 */
public abstract class Finalizers {
    private static final LuaString GC = LuaString.valueOf("__gc");
    /** How long collectgarbage and close wait for the JVM to finalize the marks a collection found. */
    private static final long HAND_OVER_MILLIS = 2_000;

    /** Whether the JVM calls finalize(): not with {@code java --finalization=disabled} (asked on first use). */
    private static final class Jvm {
        static final boolean FINALIZES = finalizationEnabled();
    }

    private final Globals globals;
    /** The marked objects not finalized yet, by marking order; weakly, so that this does not keep them. */
    private final ConcurrentSkipListMap<Long, WeakReference<LuaTable>> marked = new ConcurrentSkipListMap<>();
    private long marks; // state thread only
    /** Unreachable marked objects handed back by their marks (guarded by this). */
    private final List<Due> due = new ArrayList<>();
    /** Something is in {@link #due}: the one field a safe point reads. */
    private volatile boolean pending;
    /** A finalizer is running (state thread only): no other starts, and it may not block or yield. */
    private boolean running;
    /** The state is closing: no new marks (Lua 5.4 marks nothing while it closes). */
    private volatile boolean closing;

    protected Finalizers(Globals globals) {
        this.globals = globals;
    }

    /**
     * What a marked table refers to: its metatable to LuaJ, passing every question on to the real one
     * ({@link #metatable}, null when it has none), so that no table needs a field for a mark it rarely
     * has. Only the table refers to it; unreachable with the table, it hands the table back from finalize().
     */
    public static final class Mark implements Metatable {
        private final Finalizers owner;
        private final long order;
        /** The marked table until it is handed back or finalized at close. */
        private volatile LuaTable object;
        /** The table's real metatable (LuaTable.setFinalizerMark keeps it here), or null. */
        Metatable metatable;

        Mark(Finalizers owner, long order, LuaTable object) {
            this.owner = owner;
            this.order = order;
            this.object = object;
        }

        // Deprecated for removal (JEP 421) but the only way to get an unreachable object back: see the class comment.
        @SuppressWarnings({"removal", "deprecation"})
        @Override
        protected void finalize() {
            owner.unreachable(this);
        }

        @Override
        public boolean useWeakKeys() {
            return metatable != null && metatable.useWeakKeys();
        }

        @Override
        public boolean useWeakValues() {
            return metatable != null && metatable.useWeakValues();
        }

        @Override
        public LuaValue toLuaValue() {
            return metatable != null ? metatable.toLuaValue() : null;
        }

        @Override
        public LuaTable.Slot entry(LuaValue key, LuaValue value) {
            return metatable != null ? metatable.entry(key, value) : LuaTable.defaultEntry(key, value);
        }

        @Override
        public LuaValue wrap(LuaValue value) {
            return metatable != null ? metatable.wrap(value) : value;
        }

        @Override
        public LuaValue arrayget(LuaValue[] array, int index) {
            return metatable != null ? metatable.arrayget(array, index) : array[index];
        }
    }

    // ---------------------------------------------------------------- marking

    /**
     * setmetatable's rule (lua_setmetatable): table {@code o}, which has just been given metatable
     * {@code mt}, is marked for finalization when {@code mt} has a {@code __gc} field and {@code o} is
     * not marked already. A later change of metatable does not unmark it. (Full userdata, which Lua
     * code cannot make, are not marked: the Java modules' userdata leave their resources to the JVM.)
     */
    public final void setmetatable(LuaValue o, LuaValue mt) {
        if (!(o instanceof LuaTable t) || mt == null || !mt.istable() || mt.rawget(GC).isnil() || closing) return;
        if (t.finalizerMark() != null) return;
        long order = ++marks;
        marked.put(order, new WeakReference<>(t));
        t.setFinalizerMark(new Mark(this, order, t));
    }

    private void unmark(LuaTable o) {
        Mark m = o.finalizerMark();
        if (m == null) return;
        m.object = null; // its finalize() does nothing now
        marked.remove(m.order);
        o.setFinalizerMark(null);
    }

    /** Whether objects of this state are marked and not finalized yet. */
    public final boolean anyMarked() {
        return !marked.isEmpty() || pending;
    }

    // ---------------------------------------------------------------- the JVM's finalizer thread

    /**
     * On the finalizer thread: queues the marked object for its state. No reference to it stays in this
     * thread's frames once the state may run it: its finalizer may mark it again, and the next
     * collection must be able to find it unreachable.
     */
    private void unreachable(Mark m) {
        boolean first;
        synchronized (this) {
            LuaTable o = m.object;
            if (o == null) return; // finalized at close meanwhile
            m.object = null;
            marked.remove(m.order);
            due.add(new Due(m.order, o));
            o = null;
            first = !pending;
            pending = true;
            notifyAll();
        }
        if (first) becameDue();
    }

    /**
     * Called on the JVM's finalizer thread when finalizers became due and none were before: a state
     * whose code may not reach a safe point soon (an idle service) arranges for {@link #runDue}.
     */
    protected void becameDue() {}

    // ---------------------------------------------------------------- running finalizers (state thread)

    /** At a safe point: runs the due finalizers unless one is running. Cheap when none is due. */
    public final void atSafePoint() {
        if (pending && !running) runDue();
    }

    /** An unreachable object and the order of its mark. */
    private record Due(long order, LuaTable object) {}

    /**
     * Runs the finalizers due, unless one is running already: those found unreachable together newest
     * mark first, as Lua 5.4 runs the ones a collection found.
     */
    public final void runDue() {
        if (running) return;
        running = true;
        try {
            for (List<Due> batch; !(batch = takeDue()).isEmpty(); ) {
                batch.sort((a, b) -> Long.compare(b.order, a.order));
                for (int i = 0; i < batch.size(); i++) finalize(batch.set(i, null).object); // kept by nothing here once run
            }
        } finally {
            running = false;
        }
    }

    private synchronized List<Due> takeDue() {
        if (due.isEmpty()) {
            pending = false;
            return List.of();
        }
        List<Due> batch = new ArrayList<>(due);
        due.clear();
        return batch;
    }

    /** Whether a finalizer is running on the state's thread now: it may not block or yield. */
    public final boolean running() {
        return running;
    }

    /** Calls {@code o}'s __gc as Lua 5.4 does: the one its metatable has now; an error is a warning. */
    private void finalize(LuaTable o) {
        unmark(o);
        LuaValue mt = o.getmetatable();
        LuaValue gc = mt == null ? LuaValue.NIL : mt.rawget(GC);
        if (gc.isnil()) return;
        if (!gc.isfunction() && gc.metatag(LuaValue.CALL).isnil()) {
            warn("error in __gc (attempt to call a " + gc.typename() + " value (metamethod '__gc'))");
            return;
        }
        CallFrames frames = CallFrames.of(globals.running);
        int outer = frames.finalizerDepth;
        frames.finalizerDepth = frames.nextDepth(); // debug.getinfo names the frame "__gc", a "metamethod"
        LuaValue error;
        try {
            error = callProtected(gc, o);
        } finally {
            frames.finalizerDepth = outer;
        }
        if (error != null) warn("error in __gc (" + (error.isstring() ? error.tojstring() : "error object is not a string") + ")");
    }

    /** Calls {@code gc(o)} as pcall does, where no yield is allowed; the error value, or null when it returned. */
    protected abstract LuaValue callProtected(LuaValue gc, LuaValue o);

    /** Reports an error of a finalizer, as Lua 5.4's warning "error in __gc (...)". */
    protected abstract void warn(String text);

    // ---------------------------------------------------------------- collections and the end

    /**
     * collectgarbage("collect"): a full JVM collection, then (once the JVM has handed back what it
     * found unreachable) the finalizers that became due.
     */
    public final void collect() {
        System.gc();
        awaitHandOver();
        runDue();
    }

    /**
     * The state ends (lua_close): the finalizers already due, then those of every object still marked,
     * newest mark first; objects marked meanwhile get none. With skynet.exit and at the end of a script.
     */
    public final void close() {
        closing = true;
        running = false; // a state may end from inside a finalizer (skynet.exit in __gc): the rest still run
        awaitHandOver();
        runDue();
        List<LuaTable> alive = new ArrayList<>();
        synchronized (this) { // the marks still alive: a finalize() of theirs does nothing from here on
            for (WeakReference<LuaTable> r : marked.descendingMap().values()) {
                LuaTable o = r.get();
                if (o != null) alive.add(o);
            }
            for (LuaTable o : alive) unmark(o);
        }
        running = true;
        try {
            for (LuaTable o : alive) finalize(o);
        } finally {
            running = false;
        }
        awaitHandOver(); // what a collection found unreachable meanwhile
        runDue();
        marked.clear();
    }

    /**
     * Waits until the JVM has handed back every marked object a collection found unreachable (their
     * weak references are cleared; their marks' finalize() follows soon on the finalizer thread).
     */
    private void awaitHandOver() {
        if (!Jvm.FINALIZES) {
            marked.values().removeIf(r -> r.get() == null); // gone for good: the JVM finalizes nothing
            return;
        }
        long deadline = System.nanoTime() + HAND_OVER_MILLIS * 1_000_000;
        synchronized (this) {
            while (handedOverLater()) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) return;
                try {
                    wait(left);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    private boolean handedOverLater() {
        for (Map.Entry<Long, WeakReference<LuaTable>> e : marked.entrySet()) if (e.getValue().get() == null) return true;
        return false;
    }

    private static boolean finalizationEnabled() {
        try {
            return !ManagementFactory.getRuntimeMXBean().getInputArguments().contains("--finalization=disabled");
        } catch (RuntimeException | LinkageError e) {
            return true;
        }
    }
}
