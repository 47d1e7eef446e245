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
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.LockSupport;
import javax.management.Notification;
import javax.management.NotificationEmitter;
import javax.management.NotificationListener;
import javax.management.openmbean.CompositeData;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's guard against running out of heap (config {@code memory_guard}: the fraction of the
 * maximum heap, default 0.85; 0 turns it off). After every garbage collection the JVM reports how much
 * of the heap is still in use; above the fraction, the guard runs a full collection to see what is
 * really live, and if that is still above, it kills the Lua service that allocated the most since
 * the guard last looked (since it started, the first time; {@link MemoryAccount#allocated}, counted at
 * the services' safe points) and logs why; once the victim had time to stop it looks again at the next alarm, before the JVM
 * throws OutOfMemoryError at whatever thread allocates next. Allocation, not live size: the guard
 * acts when the heap is nearly full, where walking a service's objects to size them would itself
 * need memory (it did run out, in a 128 MB heap); and a service filling the heap is allocating all
 * the while. The price: a service that only churns garbage faster than the one filling the heap
 * would be picked first (the guard then looks again and takes the next). Services with their own
 * {@code skynet.memlimit} usually fail long before this.
 */
final class MemoryGuard implements NotificationListener {
    private static final Logger LOG = LoggerFactory.getLogger(MemoryGuard.class);
    static final double DEFAULT_FRACTION = 0.85;
    /** Looks at most this often while the heap stays above the fraction (each look is a full collection). */
    private static final long MIN_LOOK_INTERVAL_NANOS = 200_000_000L;
    /** After a kill, how long the guard waits for the victim to stop and its memory to be collectable. */
    private static final long SETTLE_NANOS = 2_000_000_000L;

    private final Node node;
    private final double fraction;
    private final long maxHeap = Runtime.getRuntime().maxMemory();
    private final Set<String> heapPools = new HashSet<>();
    private final Map<Integer, Long> lastAllocated = new HashMap<>();
    private volatile boolean alarm;
    private long settleUntil = System.nanoTime();
    private Thread thread;

    MemoryGuard(Node node, double fraction) {
        this.node = node;
        this.fraction = fraction;
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
        if (fraction <= 0 || maxHeap == Long.MAX_VALUE) return;
        Failures.prepare();
        for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans())
            if (p.getType() == MemoryType.HEAP) heapPools.add(p.getName());
        // a platform thread: it must run while every carrier is busy with services
        thread = Thread.ofPlatform().daemon().name("skynetj-memory-guard").start(this::run);
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans())
            if (gc instanceof NotificationEmitter emitter) emitter.addNotificationListener(this, null, null);
    }

    private long limit() {
        return (long) (maxHeap * fraction);
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
                alarm = true;
                LockSupport.unpark(thread);
            }
        } catch (RuntimeException | Error e) {
            // the JMX notification thread must go on; the next collection reports again
        }
    }

    private void run() {
        while (node.isRunning()) {
            while (!alarm) LockSupport.park(this);
            try {
                look();
            } catch (Throwable t) {
                Failures.log(LOG, "the memory guard failed on {}", "a look at the heap", t);
            }
            LockSupport.parkNanos(MIN_LOOK_INTERVAL_NANOS);
            alarm = false;
        }
    }

    /**
     * Heap in use after a full collection; above the limit, kills the Lua service that allocated the
     * most since the last look. Then it lets {@link #SETTLE_NANOS} pass before looking again: the
     * victim stops at its next safe point and its memory is free only after that.
     */
    private void look() {
        if (System.nanoTime() - settleUntil < 0) return;
        System.gc();
        long used = heapUsed();
        if (used <= limit()) return;
        Victim v = fastestGrowing();
        if (v == null) {
            node.log(0, String.format("memory guard: heap %d MB of %d MB in use after a full collection, and no Lua service allocated since the last look",
                used >> 20, maxHeap >> 20));
            return;
        }
        node.log(0, String.format("memory guard: heap %d MB of %d MB in use after a full collection (memory_guard %.2f):"
                + " killing %s (%s), which allocated %d MB since the guard last looked, the most of any Lua service",
            used >> 20, maxHeap >> 20, fraction, Address.format(v.service.handle), v.service.describe(), v.growth >> 20));
        node.kill(v.service.handle);
        settleUntil = System.nanoTime() + SETTLE_NANOS;
    }

    private record Victim(Service service, long growth) {}

    /** The Lua service that allocated the most since the last look (some bytes at least), or null. */
    private Victim fastestGrowing() {
        Victim best = null;
        Map<Integer, Long> now = new HashMap<>();
        for (Service s : node.services()) {
            if (!(s.body() instanceof LuaServiceBody body) || s.isDead()) continue;
            long allocated = body.memory.allocated();
            now.put(s.handle, allocated);
            long growth = allocated - lastAllocated.getOrDefault(s.handle, 0L);
            if (growth > 0 && (best == null || growth > best.growth)) best = new Victim(s, growth);
        }
        lastAllocated.clear();
        lastAllocated.putAll(now);
        return best;
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
