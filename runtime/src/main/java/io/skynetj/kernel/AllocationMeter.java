package io.skynetj.kernel;

import java.lang.management.ManagementFactory;

/**
 * Counts the bytes one service's code allocates, cheaply enough to read at every Lua safe point.
 *
 * <p>The JVM counts allocated bytes per platform thread only: for a virtual thread
 * {@code ThreadMXBean.getCurrentThreadAllocatedBytes} answers -1 (JDK 25). Virtual threads allocate
 * through their carrier, so this meter reads the counter of the carrier of skynetj's scheduler
 * that runs the calling virtual thread. A reading adds the carrier's bytes since the previous reading
 * only when nothing else ran on that carrier in between (same carrier, same count of tasks it
 * started); otherwise it takes a new base, and what was allocated since the last reading is not
 * counted (the meter undercounts code that blocks or yields between readings, never overcounts).
 * One reading costs one {@code getThreadAllocatedBytes} (about 50 ns). Read by the baton holder only;
 * {@link #total} from anywhere.
 */
public final class AllocationMeter {
    private static final com.sun.management.ThreadMXBean THREADS = threads();

    private Thread carrier;
    private long runs;
    private long base;
    /** Written by the baton holder, read by the memory guard. */
    private volatile long total;

    private static com.sun.management.ThreadMXBean threads() {
        try {
            if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t
                && t.isThreadAllocatedMemorySupported()) {
                if (!t.isThreadAllocatedMemoryEnabled()) t.setThreadAllocatedMemoryEnabled(true);
                return t;
            }
        } catch (RuntimeException e) {
            // no counter: the meter stays at 0
        }
        return null;
    }

    /** True when bytes can be counted here: skynetj's carriers run the virtual threads and the JVM counts per thread. */
    public static boolean available() {
        return THREADS != null && Carriers.active();
    }

    /** Counts what the running code allocated since the last reading, when that can be told; returns the total. */
    public long read() {
        Thread c = Carriers.currentCarrier();
        if (c == null || THREADS == null) return total;
        long r = Carriers.runs(c);
        long bytes = THREADS.getThreadAllocatedBytes(c.threadId());
        if (c == carrier && r == runs && bytes >= base) total += bytes - base;
        carrier = c;
        runs = r;
        base = bytes;
        return total;
    }

    /** Takes a new base without counting (after the thread yielded or blocked). */
    public void rebase() {
        carrier = null;
        read();
    }

    /** Bytes counted so far. */
    public long total() {
        return total;
    }
}
