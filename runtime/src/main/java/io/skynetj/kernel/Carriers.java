package io.skynetj.kernel;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.lang.invoke.VarHandle;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The carrier threads that run skynetj's virtual threads (services' executions, Lua coroutines): a
 * scheduler made for services that hand work to each other.
 *
 * <p>Why not the JDK's default ForkJoinPool: when one virtual thread wakes another (a request, its
 * reply), the pool gives the woken thread to the other, idle carrier, so each call crossed cores twice
 * and woke a sleeping carrier each time: a call ping-pong between two Java services took 1.3-4.5 us at
 * 2 carriers against 0.65 us at 1 ({@code tools/bench-kernel}). Here, as in Go's runtime, a thread
 * woken by a virtual thread goes to its carrier's {@code next} slot and runs there as soon as the waker
 * parks (in a call, it is about to): no other core, no wake-up. A thread it displaces from the slot
 * goes to the carrier's own queue, also without a wake-up (a server answering ten callers keeps them
 * on its carrier: 0.35M -> 1.29M calls/s). Threads woken from elsewhere (timers, sockets) go to a shared
 * queue, and an idle carrier is woken for them. A monitor moves a thread that waited a whole tick
 * ({@link #TICK_NANOS}) in a busy carrier's slot or queue to the shared queue, so an idle carrier takes
 * it; while it finds none waiting it looks less often (up to {@link #MAX_SLEEP_NANOS}), and it sleeps
 * while every carrier is idle.
 *
 * <p>Unlike the ForkJoinPool, these carriers are not replaced while a virtual thread blocks in file I/O
 * or another pinning call: such a thread holds its carrier, as a blocking call holds a skynet worker.
 *
 * <p>A virtual thread with its own scheduler is not public API in JDK 25: the builder comes from the
 * package-private constructor the JDK's own tests use, which needs
 * {@code --add-opens java.base/java.lang=ALL-UNNAMED} (set in the jar's manifest, the launcher and the
 * test run). Without it, the JDK's default scheduler is used and a warning logged once; so it is with
 * {@code -Dskynetj.carriers=jdk} (to compare the two).
 */
public final class Carriers implements Executor {
    private static final Logger LOG = LoggerFactory.getLogger(Carriers.class);
    /** How long a thread may wait in a busy carrier's slot or queue before an idle carrier may take it. */
    static final long TICK_NANOS = 500_000L;
    /**
     * The monitor's longest sleep while no thread waits: a thread is then taken at most this plus a
     * tick after it began to wait, as skynet's timer thread wakes a sleeping worker every 2.5 ms.
     */
    static final long MAX_SLEEP_NANOS = 2_000_000L;
    /** Every so many tasks a carrier looks at the shared queue first (half-way, at its own queue), so its slot cannot starve them. */
    private static final int FAIRNESS_MASK = 63;
    private static final VarHandle NEXT;
    private static final VarHandle PARKED;

    static {
        try {
            var lookup = MethodHandles.lookup();
            NEXT = lookup.findVarHandle(Carrier.class, "next", Runnable.class);
            PARKED = lookup.findVarHandle(Carrier.class, "parked", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static final class Holder {
        static final Threads THREADS = Threads.create();
    }

    private final Carrier[] carriers;
    private final ConcurrentLinkedQueue<Runnable> shared = new ConcurrentLinkedQueue<>();
    private final AtomicInteger idle = new AtomicInteger();
    private final Thread monitor;
    private volatile boolean monitorParked;
    /** How long the monitor sleeps while it sees no thread waiting (the monitor writes it; tests read it). */
    private volatile long monitorSleep = TICK_NANOS;
    private final VarHandle carrierOfVirtual;

    private Carriers(int count, VarHandle carrierOfVirtual) {
        Failures.prepare();
        this.carrierOfVirtual = carrierOfVirtual;
        carriers = new Carrier[count];
        for (int i = 0; i < count; i++) carriers[i] = new Carrier(this, i);
        monitor = new Thread(this::monitor, "skynetj-carrier-monitor");
        monitor.setDaemon(true);
    }

    private void startThreads() {
        for (Carrier c : carriers) c.start();
        monitor.start();
    }

    /** Starts a virtual thread running {@code task} on the carriers. */
    static Thread start(Runnable task) {
        Thread t = Holder.THREADS.unnamed().newThread(task);
        t.start();
        return t;
    }

    /** A virtual thread, not started yet, that will run {@code task} on the carriers. */
    static Thread newThread(Runnable task) {
        return Holder.THREADS.unnamed().newThread(task);
    }

    /** How long the monitor sleeps now while no thread waits (0 with the JDK's default scheduler). */
    static long monitorSleepNanos() {
        Carriers c = Holder.THREADS.carriers;
        return c == null ? 0 : c.monitorSleep;
    }

    /** A factory of named virtual threads on the carriers. */
    public static ThreadFactory factory(String name) {
        return Holder.THREADS.builder(name).factory();
    }

    /** True when skynetj's scheduler runs the virtual threads (false: the JDK's default). */
    static boolean active() {
        return Holder.THREADS.carriers != null;
    }

    /** How many carrier threads run skynetj's virtual threads; 0 with the JDK's default scheduler. */
    public static int count() {
        Carriers c = Holder.THREADS.carriers;
        return c == null ? 0 : c.carriers.length;
    }

    /** Carriers running a thread now, not parked (a moment's reading). */
    public static int busy() {
        Carriers c = Holder.THREADS.carriers;
        return c == null ? 0 : Math.max(0, c.carriers.length - c.idle.get());
    }

    // ---------------------------------------------------------------- scheduling

    @Override
    public void execute(Runnable task) {
        Carrier c = carrierOf(Thread.currentThread());
        // A thread resubmitting itself (Thread.yield, a park that raced an unpark) goes behind the others.
        if (c != null && task != c.running) {
            c.pushes++;
            Runnable displaced = (Runnable) NEXT.getAndSet(c, task);
            if (displaced != null) c.local.offer(displaced); // no wake-up: the monitor shares it if it waits
            return;
        }
        shared.offer(task);
        signal();
    }

    /** The carrier of skynetj's scheduler running the calling virtual thread, or null. */
    static Thread currentCarrier() {
        Carriers c = Holder.THREADS.carriers;
        return c == null ? null : c.carrierOf(Thread.currentThread());
    }

    /** How many tasks {@code carrier} (from {@link #currentCarrier}) started running; read on that carrier only. */
    static long runs(Thread carrier) {
        return ((Carrier) carrier).runs;
    }

    private Carrier carrierOf(Thread t) {
        Object carrier = t;
        if (t.isVirtual()) carrier = carrierOfVirtual.get(t);
        return carrier instanceof Carrier c && c.pool == this ? c : null;
    }

    /** Wakes one idle carrier, if there is one. */
    private void signal() {
        if (idle.get() == 0) return;
        for (Carrier c : carriers) {
            if (c.parked && PARKED.compareAndSet(c, true, false)) {
                LockSupport.unpark(c);
                return;
            }
        }
    }

    private Runnable take(Carrier c) {
        Runnable t = null;
        int turn = ++c.taken & FAIRNESS_MASK;
        if (turn == 0) t = shared.poll();
        else if (turn == FAIRNESS_MASK / 2) t = c.local.poll();
        if (t == null && c.next != null) t = (Runnable) NEXT.getAndSet(c, null);
        if (t == null) t = c.local.poll();
        if (t == null && (t = shared.poll()) != null && !shared.isEmpty()) signal(); // a burst: share it
        return t;
    }

    /**
     * An idle carrier parks at once until {@link #signal} picks it. It used to spin 30 us watching
     * the shared queue first (a wake-up saved when work comes in bursts); measured against parking at
     * once, the spin spread the echo benchmark's round trips wider (p99/p50 1.86 against 1.80) and made
     * timers later, and bought nothing measurable elsewhere (docs/performance.md).
     */
    private void idle(Carrier c) {
        c.parked = true;
        idle.incrementAndGet();
        while (c.parked) {
            if (!shared.isEmpty() && PARKED.compareAndSet(c, true, false)) break;
            LockSupport.park(this);
        }
        idle.decrementAndGet();
        if (monitorParked) LockSupport.unpark(monitor);
    }

    /**
     * While a carrier is busy: a thread that waited a whole tick in a carrier's slot or queue, while
     * another carrier is idle, goes to the shared queue with the rest of that queue. The monitor looks
     * again a tick after it saw a thread waiting; while it sees none, it looks half as often each time,
     * down to once per {@link #MAX_SLEEP_NANOS}: in a node whose threads never wait long (most of
     * them), its wake-ups were ~1,600 a second of a busy node's CPU (docs/performance.md).
     */
    private void monitor() {
        long[] seenPushes = new long[carriers.length];
        Runnable[] seenHead = new Runnable[carriers.length];
        for (;;) {
            boolean busy = false, waiting = false, moved = false;
            for (int i = 0; i < carriers.length; i++) {
                Carrier c = carriers[i];
                if (!c.parked) busy = true;
                Runnable r = c.next;
                long pushes = c.pushes;
                if (r != null && pushes == seenPushes[i] && idle.get() > 0 && NEXT.compareAndSet(c, r, null)) {
                    shared.offer(r);
                    signal();
                    moved = true;
                } else if (r != null) {
                    waiting = true;
                }
                seenPushes[i] = pushes;
                Runnable head = c.local.peek();
                if (head != null && head == seenHead[i] && idle.get() > 0) {
                    for (Runnable t; (t = c.local.poll()) != null; ) shared.offer(t);
                    signal();
                    moved = true;
                    head = null;
                } else if (head != null) {
                    waiting = true;
                }
                seenHead[i] = head;
            }
            if (busy) {
                long sleep = moved ? TICK_NANOS : Math.min(monitorSleep * 2, MAX_SLEEP_NANOS);
                monitorSleep = sleep;
                LockSupport.parkNanos(this, waiting ? TICK_NANOS : sleep);
                continue;
            }
            monitorSleep = TICK_NANOS;
            monitorParked = true;
            if (allParked()) LockSupport.park(this);
            monitorParked = false;
        }
    }

    private boolean allParked() {
        for (Carrier c : carriers) if (!c.parked) return false;
        return true;
    }

    /** One carrier: a platform thread running virtual threads' continuations. */
    private static final class Carrier extends Thread {
        final Carriers pool;
        volatile Runnable next;
        /** Threads displaced from {@link #next}, oldest first: run by this carrier unless they wait a tick. */
        final ConcurrentLinkedQueue<Runnable> local = new ConcurrentLinkedQueue<>();
        volatile boolean parked;
        /** Threads put in {@link #next}; written by this carrier only, read by the monitor. */
        volatile long pushes;
        /** The task this carrier is running (carrier only). */
        Runnable running;
        int taken;
        /** Tasks this carrier started running (carrier only): tells {@link AllocationMeter} whether another thread ran here. */
        long runs;

        Carrier(Carriers pool, int index) {
            super("skynetj-carrier-" + index);
            this.pool = pool;
            setDaemon(true);
        }

        @Override
        public void run() {
            for (;;) {
                Runnable t = pool.take(this);
                if (t == null) {
                    pool.idle(this);
                    continue;
                }
                running = t;
                runs++;
                try {
                    t.run();
                } catch (Throwable e) {
                    Failures.log(LOG, "a virtual thread's continuation failed on {}", this, e);
                }
                running = null;
            }
        }
    }

    /** The builders of virtual threads: on skynetj's carriers when the JDK lets us, else the default. */
    private record Threads(Carriers carriers, MethodHandle builderConstructor, ThreadFactory unnamed) {
        static Threads create() {
            int count = Math.max(1, Integer.getInteger("jdk.virtualThreadScheduler.parallelism",
                Runtime.getRuntime().availableProcessors()));
            if ("jdk".equals(System.getProperty("skynetj.carriers"))) return jdkDefault();
            try {
                Class<?> vt = Class.forName("java.lang.VirtualThread");
                VarHandle carrier = MethodHandles.privateLookupIn(vt, MethodHandles.lookup())
                    .findVarHandle(vt, "carrierThread", Thread.class);
                // a method handle, not reflection: Constructor.newInstance spins a class at its first call
                // (the JDK's class-file API, a node's start), which the start-up cache does not hold
                Class<?> builder = Class.forName("java.lang.ThreadBuilders$VirtualThreadBuilder");
                MethodHandle ctor = MethodHandles.privateLookupIn(builder, MethodHandles.lookup())
                    .findConstructor(builder, MethodType.methodType(void.class, Executor.class))
                    .asType(MethodType.methodType(Thread.Builder.OfVirtual.class, Executor.class));
                Carriers carriers = new Carriers(count, carrier);
                ThreadFactory unnamed = newBuilder(ctor, carriers).factory();
                carriers.startThreads(); // only once nothing can fail: no idle carriers left behind
                return new Threads(carriers, ctor, unnamed);
            } catch (ReflectiveOperationException | RuntimeException e) {
                LOG.warn("virtual threads run on the JDK's default scheduler ({}); run with "
                    + "--add-opens java.base/java.lang=ALL-UNNAMED for skynetj's carriers", e.toString());
                return jdkDefault();
            }
        }

        private static Thread.Builder.OfVirtual newBuilder(MethodHandle ctor, Carriers carriers) {
            try {
                return (Thread.Builder.OfVirtual) ctor.invokeExact((Executor) carriers);
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        }

        private static Threads jdkDefault() {
            return new Threads(null, null, Thread.ofVirtual().factory());
        }

        Thread.Builder.OfVirtual builder(String name) {
            if (carriers == null) return Thread.ofVirtual().name(name);
            return newBuilder(builderConstructor, carriers).name(name);
        }
    }
}
