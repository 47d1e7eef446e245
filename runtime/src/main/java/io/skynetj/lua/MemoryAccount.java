package io.skynetj.lua;

import io.skynetj.kernel.AllocationMeter;
import org.luaj.vm2.LuaError;

/**
 * The memory of one Lua service: what {@code skynet.memlimit} limits, console {@code mem} and the
 * memory guard read.
 *
 * <p>Two measures, one cheap and one exact enough. Every safe point reads the bytes the service
 * allocated ({@link AllocationMeter}, ~50 ns per 1,024 calls or loop turns). The live size
 * ({@link LuaFootprint}, a walk of the reachable objects) cannot have grown by more than was allocated
 * since it was last measured, so it is measured again only when the last live size plus the bytes
 * allocated since could pass the limit, and no sooner than 1/16 of the limit later: a service far
 * below its limit is never walked, one close to it is walked about every limit/16 bytes it
 * allocates. Over the limit, the safe point raises Lua's "not enough memory" ({@link Exceeded}) in the
 * running code, as skynet's allocator fails the allocation. Code that blocks between safe points is
 * counted at the end of each execution too, for a service with a limit.
 */
final class MemoryAccount {
    /** skynet's MEMORY_WARNING_REPORT: the first live size that logs "Memory warning"; it doubles after each. */
    private static final long FIRST_WARNING = 32L << 20;

    private final LuaServiceBody body;
    private final AllocationMeter meter = new AllocationMeter();
    private volatile long limit;
    private volatile long live;
    private long measuredAt;
    private long warnAt = FIRST_WARNING;
    /** What {@link #allocated} was when the memory guard last had this service check the heap. */
    private long guardMark;

    /** Lua's message for an allocation that failed; what the service's code (and pcall) sees. */
    static final class Exceeded extends LuaError {
        Exceeded() {
            super("not enough memory", 0); // as Lua's: no position
        }
    }

    MemoryAccount(LuaServiceBody body) {
        this.body = body;
    }

    /** skynet.memlimit(bytes): from now on, a live size over {@code bytes} raises "not enough memory". */
    void limit(long bytes) {
        limit = Math.max(0, bytes);
        body.service.node.log(body.service.handle, String.format("Set memory limit to %.2f M", bytes / (1024.0 * 1024)));
        if (!AllocationMeter.available())
            body.service.node.log(body.service.handle, "memlimit is checked only when the live size is measured (console mem):"
                + " this JVM runs services on the JDK's scheduler, whose allocations cannot be counted per service");
    }

    long limit() {
        return limit;
    }

    /** The live size last measured (bytes). */
    long live() {
        return live;
    }

    /** True once per {@code step} bytes the service allocated (baton holder): time it checked the heap for the memory guard. */
    boolean guardStepPassed(long step) {
        long total = meter.total();
        if (total - guardMark < step) return false;
        guardMark = total;
        return true;
    }

    /** Bytes allocated by the service's code, as far as they could be counted. */
    long allocated() {
        return meter.total();
    }

    /** At a safe point of the service's code: counts its allocations; over the limit it raises "not enough memory". */
    void check() {
        long total = meter.read();
        long max = limit;
        if (max <= 0) return;
        long since = total - measuredAt;
        if (live + since <= max || since < max / 16) return;
        if (measure(max, Integer.MAX_VALUE) > max) throw new Exceeded();
    }

    /** The service's thread gave its carrier away (a yield): allocations from here on are counted afresh. */
    void resumed() {
        meter.rebase();
    }

    void executionStarts() {
        if (limit > 0) meter.rebase();
    }

    void executionEnds() {
        if (limit > 0) meter.read();
    }

    /** How many objects a walk for debug MEM visits at most (its figure is then a lower bound). */
    static final int REPORT_MAX_OBJECTS = 1 << 22;

    /**
     * Measures the live size now (baton holder), walking no further than past {@code stopAbove} or
     * {@code maxObjects} objects.
     */
    long measure(long stopAbove, int maxObjects) {
        long bytes = LuaFootprint.measure(body, stopAbove, maxObjects);
        live = bytes;
        measuredAt = meter.total();
        if (bytes > warnAt) {
            while (warnAt <= bytes) warnAt *= 2;
            body.service.node.log(body.service.handle, String.format("Memory warning %.2f M", bytes / (1024.0 * 1024)));
        }
        return bytes;
    }
}
