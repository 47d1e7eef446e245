package io.skynetj.lua;

import com.sun.management.GarbageCollectionNotificationInfo;
import io.skynetj.kernel.Address;
import io.skynetj.kernel.Failures;
import io.skynetj.kernel.Node;
import io.skynetj.kernel.Service;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.lang.ref.WeakReference;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's guard against running out of heap (config {@code memory_guard}: the fraction of the
 * maximum heap, default 0.85; 0 turns it off). When a garbage collection leaves more of the heap in
 * use than the fraction, the guard "looks": it runs a full collection to see what is really live,
 * and if that is still above, it kills the Lua service that allocated the most since the guard last
 * looked (since it started, the first time; {@link MemoryAccount#allocated}, counted at the services'
 * safe points) and logs why, before the JVM throws OutOfMemoryError at whatever thread allocates next.
 *
 * <p>Who looks, and when: the allocating services themselves, at their safe points
 * ({@link #atSafePoint}). A service that allocated {@link #step} bytes since it last checked reads
 * the JVM's collection counts (about 1 us); the first to see a new collection reads the heap in use,
 * and above the fraction it looks on its own thread. So a service filling the heap in a tight loop
 * is stopped within about a step of its own allocation after the collection that showed the heap
 * too full, however loaded the machine (a guard thread woken by the JVM's collection notifications
 * came too late: a hog filled the last 38 MB of a 128 MB heap before that thread ran). Those
 * notifications still wake a guard thread, which looks when no service did since (memory held while
 * no Lua code runs). A service that allocates nothing pays nothing but a comparison per 1,024 safe
 * points. (A weakly held sentinel object, cleared by each collection, would be cheaper to read, but
 * G1's young collections did not clear it reliably.)
 *
 * <p>Allocation, not live size: the guard acts when the heap is nearly full, where walking a
 * service's objects to size them would itself need memory (it did run out, in a 128 MB heap); and a
 * service filling the heap is allocating all the while. The price: a service that only churns
 * garbage faster than the one filling the heap would be picked first (the guard then looks again
 * once that victim's memory is free, and takes the next). Services with their own {@code skynet.memlimit}
 * usually fail long before this. Without per-service allocation counts (the JDK's scheduler:
 * {@code -Dskynetj.carriers=jdk}) only the guard thread looks, and it finds no victim.
 */
final class MemoryGuard implements NotificationListener {
    private static final Logger LOG = LoggerFactory.getLogger(MemoryGuard.class);
    static final double DEFAULT_FRACTION = 0.85;
    /** The guard thread looks at most this often, services after a look that found no Lua service to stop. */
    private static final long MIN_LOOK_INTERVAL_NANOS = 200_000_000L;
    /** After a kill, how long the guard waits at most for the victim to stop before it may take another. */
    private static final long SETTLE_NANOS = 2_000_000_000L;

    private final Node node;
    private final double fraction;
    private final long maxHeap = Runtime.getRuntime().maxMemory();
    private final boolean on;
    /** Bytes a service allocates between two checks of the collection counts: 1/128 of the heap, 256 KB to 8 MB. */
    private final long step = Math.clamp(maxHeap / 128, 256L << 10, 8L << 20);
    /** Null until the guard thread has set itself up (off the node's start: JMX loads ~70 classes). */
    private volatile List<GarbageCollectorMXBean> collectors;
    /** The collection count (all collectors) when a service last read the heap after a collection. */
    private final AtomicLong seenCollections = new AtomicLong();
    private final Set<String> heapPools = new HashSet<>();
    /** One look at a time, whichever thread runs it. */
    private final ReentrantLock looking = new ReentrantLock();
    private volatile boolean alarm;
    private volatile long alarmAt;
    // guarded by looking
    private final Map<Integer, Long> lastAllocated = new HashMap<>();
    private long lastLookAt = System.nanoTime();
    /** Services wait until then for their next look. */
    private long nextLookAt = System.nanoTime();
    /** The memory account of the last service killed, weakly: cleared once that service's state is garbage. */
    private WeakReference<MemoryAccount> victim;
    private long settleUntil = System.nanoTime();
    private Thread thread;

    MemoryGuard(Node node, double fraction) {
        this.node = node;
        this.fraction = fraction;
        this.on = fraction > 0 && maxHeap != Long.MAX_VALUE;
    }

    /** Config key {@code memory_guard}: a fraction of the maximum heap in (0, 1), or 0 (off). */
    static double fraction(String value) {
        if (value == null || value.isBlank()) return DEFAULT_FRACTION;
        try {
            double f = Double.parseDouble(value.trim());
            if (f >= 0 && f < 1) return f;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigFile.ConfigException("config key memory_guard must be a fraction of the heap from 0 (off) to below 1, got '" + value + "'");
    }

    void start() {
        if (!on) return;
        Failures.prepare();
        // a platform thread: it must run while every carrier is busy with services
        thread = Thread.ofPlatform().daemon().name("skynetj-memory-guard").unstarted(this::run);
        thread.start();
    }

    /**
     * The guard's set-up, on its own thread: the platform MXBeans take tens of milliseconds of a
     * node's start on a cold JVM, and services need them only after a step of allocation.
     */
    private void arm() {
        List<GarbageCollectorMXBean> gcs = ManagementFactory.getGarbageCollectorMXBeans();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans())
            if (p.getType() == MemoryType.HEAP) heapPools.add(p.getName());
        seenCollections.set(collections(gcs));
        heapUsed(); // loads what reading the heap needs now, not when the heap is full
        for (GarbageCollectorMXBean gc : gcs)
            if (gc instanceof NotificationEmitter emitter) emitter.addNotificationListener(this, null, null);
        collectors = gcs;
    }

    private long limit() {
        return (long) (maxHeap * fraction);
    }

    /**
     * At a Lua service's safe point (after {@link MemoryAccount#check}): when the service allocated a
     * step since it last came here and a collection ended since any service did, reads the heap; above
     * the limit, looks on this thread (it may kill the calling service: its safe point then unwinds it).
     * A look comes no sooner after the previous one than that one's full collection took, so the
     * guard's collections take at most half the time while the live heap sits just below the limit
     * (every young collection then shows it above); the service waits for it meanwhile, allocating
     * nothing.
     */
    void atSafePoint(MemoryAccount account) {
        List<GarbageCollectorMXBean> gcs = collectors;
        if (gcs == null || !account.guardStepPassed(step)) return; // off, or not set up yet
        long seen = seenCollections.get();
        long now = collections(gcs);
        if (now == seen || !seenCollections.compareAndSet(seen, now)) return; // no collection, or another service reads the heap
        if (heapUsed() <= limit()) return;
        looking.lock(); // services that wait here allocate nothing meanwhile
        try {
            long wait = nextLookAt - System.nanoTime();
            if (wait > 0) LockSupport.parkNanos(wait);
            look();
        } catch (RuntimeException | Error e) {
            Failures.log(LOG, "the memory guard failed on {}", "a look at the heap", e);
        } finally {
            looking.unlock();
        }
    }

    @Override
    public void handleNotification(Notification n, Object handback) {
        if (!GarbageCollectionNotificationInfo.GARBAGE_COLLECTION_NOTIFICATION.equals(n.getType())) return;
        try {
            var info = GarbageCollectionNotificationInfo.from((CompositeData) n.getUserData());
            long used = 0;
            for (Map.Entry<String, MemoryUsage> e : info.getGcInfo().getMemoryUsageAfterGc().entrySet())
                if (heapPools.contains(e.getKey())) used += e.getValue().getUsed();
            if (used > limit() && !alarm) {
                alarmAt = System.nanoTime();
                alarm = true;
                LockSupport.unpark(thread);
            }
        } catch (RuntimeException | Error e) {
            // the JMX notification thread must go on; the next collection reports again
        }
    }

    /** The guard thread: looks after an alarm unless a service looked since. */
    private void run() {
        try {
            arm();
        } catch (Throwable t) {
            Failures.log(LOG, "the memory guard failed on {}", "its set-up (it stays off)", t);
            return;
        }
        while (node.isRunning()) {
            while (!alarm) LockSupport.park(this);
            looking.lock();
            try {
                if (lastLookAt - alarmAt < 0) look();
            } catch (Throwable t) {
                Failures.log(LOG, "the memory guard failed on {}", "a look at the heap", t);
            } finally {
                looking.unlock();
            }
            LockSupport.parkNanos(MIN_LOOK_INTERVAL_NANOS);
            alarm = false;
        }
    }

    /**
     * Heap in use after a full collection; above the limit, kills the Lua service that allocated the
     * most since the last look (a step at least: one allocating less is not what fills the heap). Not
     * while the last victim's memory is still held (for {@link #SETTLE_NANOS} at most): it stops at
     * its next safe point, and what it kept is garbage only once it has unwound.
     */
    private void look() {
        long now = System.nanoTime();
        lastLookAt = now;
        System.gc();
        long end = System.nanoTime();
        nextLookAt = end + (end - now);
        seenCollections.set(collections(collectors)); // this collection gives the services no news
        long used = heapUsed();
        if (used <= limit()) return;
        if (victim != null && !victim.refersTo(null) && end - settleUntil < 0) return;
        victim = null;
        Victim v = fastestGrowing();
        if (v == null) {
            nextLookAt = Math.max(nextLookAt, end + MIN_LOOK_INTERVAL_NANOS);
            node.log(0, String.format("memory guard: heap %d MB of %d MB in use after a full collection, and no Lua service allocated much since the last look",
                used >> 20, maxHeap >> 20));
            return;
        }
        node.log(0, String.format("memory guard: heap %d MB of %d MB in use after a full collection (memory_guard %.2f):"
                + " killing %s (%s), which allocated %d MB since the guard last looked, the most of any Lua service",
            used >> 20, maxHeap >> 20, fraction, Address.format(v.service.handle), v.service.describe(), v.growth >> 20));
        victim = new WeakReference<>(v.memory);
        settleUntil = System.nanoTime() + SETTLE_NANOS;
        node.kill(v.service.handle);
    }

    private record Victim(Service service, MemoryAccount memory, long growth) {}

    /** The Lua service that allocated the most since the last look (a step at least), or null. */
    private Victim fastestGrowing() {
        Victim best = null;
        Map<Integer, Long> now = new HashMap<>();
        for (Service s : node.services()) {
            if (!(s.body() instanceof LuaServiceBody body) || s.isDead()) continue;
            long allocated = body.memory.allocated();
            now.put(s.handle, allocated);
            long growth = allocated - lastAllocated.getOrDefault(s.handle, 0L);
            if (growth >= step && (best == null || growth > best.growth)) best = new Victim(s, body.memory, growth);
        }
        lastAllocated.clear();
        lastAllocated.putAll(now);
        return best;
    }

    private static long collections(List<GarbageCollectorMXBean> gcs) {
        long n = 0;
        for (GarbageCollectorMXBean c : gcs) n += Math.max(0, c.getCollectionCount());
        return n;
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
