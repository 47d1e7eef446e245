package io.skynetj.kernel;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.Delayed;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's timer thread: a hashed timing wheel of 1 ms ticks (skynet: a wheel of 1 cs ticks). Arming
 * a timer pushes it on a lock-free stack and takes no lock, so services arming thousands of timers do
 * not contend with the thread firing them (a ScheduledThreadPoolExecutor's queue lock did: arming 10,000
 * timeouts took ~5 us each while the first ones fired). A timer fires at the first tick at or after its
 * due time, never early. The thread sleeps until the next tick that has timers, or until a timer is
 * armed, when none are pending.
 */
final class Timers {
    private static final Logger LOG = LoggerFactory.getLogger(Timers.class);
    static final long TICK_NANOS = 1_000_000L;
    private static final int SLOTS = 1024; // a power of two: ~1 s per turn of the wheel
    private static final VarHandle ACTION;

    static {
        try {
            ACTION = MethodHandles.lookup().findVarHandle(Entry.class, "action", Runnable.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private final long origin = System.nanoTime();
    /** Timers armed since the thread last looked, newest first. */
    private final AtomicReference<Entry> inbox = new AtomicReference<>();
    /** The tick the thread sleeps until (Long.MAX_VALUE: until a timer is armed). */
    private volatile long wakeAt = Long.MAX_VALUE;
    private volatile boolean stopped;
    private final Thread thread;
    private volatile boolean started;
    /** Longest delay kept exact (~31 years); longer ones are clamped (no overflow). */
    private static final long MAX_CS = 100_000_000_000L;

    // The timer thread's own state.
    private final Entry[] heads = new Entry[SLOTS];
    private final Entry[] tails = new Entry[SLOTS];
    private long tick;
    private int pending;

    Timers() {
        tick = tickOf(System.nanoTime());
        Failures.prepare();
        thread = new Thread(this::run, "skynetj-timer");
        thread.setDaemon(true);
    }

    /** Schedules {@code action} in {@code cs} centiseconds; returns null once the node is stopping. */
    ScheduledFuture<?> schedule(long cs, Runnable action) {
        if (stopped) return null;
        if (!started) start();
        long due = System.nanoTime() + Math.min(Math.max(0, cs), MAX_CS) * 10_000_000L;
        Entry e = new Entry(due, ceilTick(due), action);
        Entry head;
        do {
            head = inbox.get();
            e.next = head;
        } while (!inbox.compareAndSet(head, e));
        if (e.dueTick < wakeAt) LockSupport.unpark(thread);
        return e;
    }

    /** The thread starts with the first timer (many nodes never arm one). */
    private synchronized void start() {
        if (started) return;
        started = true;
        thread.start();
    }

    void shutdown() {
        stopped = true;
        LockSupport.unpark(thread);
    }

    private long tickOf(long nanos) {
        return Math.floorDiv(nanos - origin, TICK_NANOS);
    }

    private long ceilTick(long nanos) {
        return -Math.floorDiv(origin - nanos, TICK_NANOS);
    }

    private void run() {
        while (!stopped) {
            long now = tickOf(System.nanoTime());
            take();
            while (tick < now) fire(++tick);
            long next = pending > 0 ? nextBusyTick() : Long.MAX_VALUE;
            wakeAt = next;
            if (inbox.get() != null) continue; // armed while we looked: take it before sleeping
            if (next == Long.MAX_VALUE) {
                LockSupport.park(this);
            } else {
                long sleep = origin + next * TICK_NANOS - System.nanoTime();
                if (sleep > 0) LockSupport.parkNanos(this, sleep);
            }
        }
        inbox.set(null);
        java.util.Arrays.fill(heads, null);
        java.util.Arrays.fill(tails, null);
    }

    /**
     * Moves newly armed timers into the wheel, oldest first, even those due by now: the ticks up to now
     * are fired next, slot by slot, so a timer never fires before one that was due earlier or at the
     * same tick and armed first (this thread may wake late). Only a timer due at a tick already fired
     * (a zero delay) runs at once.
     */
    private void take() {
        Entry e = inbox.getAndSet(null);
        Entry oldest = null;
        while (e != null) { // reverse the stack: timers due at the same tick fire in arming order
            Entry next = e.next;
            e.next = oldest;
            oldest = e;
            e = next;
        }
        for (e = oldest; e != null; ) {
            Entry next = e.next;
            e.next = null;
            if (e.dueTick <= tick) {
                run(e);
            } else {
                int slot = (int) (e.dueTick & (SLOTS - 1));
                if (tails[slot] == null) heads[slot] = e;
                else tails[slot].next = e;
                tails[slot] = e;
                pending++;
            }
            e = next;
        }
    }

    /** Fires the timers of one tick; timers a turn of the wheel or more away stay, in order. */
    private void fire(long t) {
        int slot = (int) (t & (SLOTS - 1));
        Entry e = heads[slot], keptHead = null, keptTail = null;
        heads[slot] = tails[slot] = null;
        while (e != null) {
            Entry next = e.next;
            e.next = null;
            if (e.dueTick <= t || e.action == null) {
                pending--;
                run(e);
            } else {
                if (keptTail == null) keptHead = e;
                else keptTail.next = e;
                keptTail = e;
            }
            e = next;
        }
        heads[slot] = keptHead;
        tails[slot] = keptTail;
    }

    private static void run(Entry e) {
        Runnable action = e.action;
        if (action == null || !ACTION.compareAndSet(e, action, null)) return; // cancelled
        try {
            action.run();
        } catch (Throwable t) {
            Failures.log(LOG, "timer action {} failed", action, t);
        }
    }

    /** The next tick whose slot holds timers (they may be due a turn of the wheel later). */
    private long nextBusyTick() {
        for (long t = tick + 1; t <= tick + SLOTS; t++)
            if (heads[(int) (t & (SLOTS - 1))] != null) return t;
        return tick + SLOTS;
    }

    /** One armed timer: cancellable, and it knows how long it has left. */
    static final class Entry implements ScheduledFuture<Object> {
        final long dueNanos;
        final long dueTick;
        volatile Runnable action; // null once fired or cancelled
        private volatile boolean cancelled;
        Entry next;

        Entry(long dueNanos, long dueTick, Runnable action) {
            this.dueNanos = dueNanos;
            this.dueTick = dueTick;
            this.action = action;
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            Runnable a = action;
            if (a == null || !ACTION.compareAndSet(this, a, null)) return false;
            cancelled = true;
            return true;
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public boolean isDone() {
            return action == null;
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(dueNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed o) {
            return Long.compare(getDelay(TimeUnit.NANOSECONDS), o.getDelay(TimeUnit.NANOSECONDS));
        }

        /** Timers have no result to wait for. */
        @Override
        public Object get() {
            throw new UnsupportedOperationException("a skynetj timer has no result");
        }

        @Override
        public Object get(long timeout, TimeUnit unit) {
            throw new UnsupportedOperationException("a skynetj timer has no result");
        }
    }
}
