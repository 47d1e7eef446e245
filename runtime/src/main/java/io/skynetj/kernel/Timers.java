package io.skynetj.kernel;

import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** The node's timer thread: one platform thread firing deliveries at centisecond resolution. */
final class Timers {
    private final ScheduledThreadPoolExecutor executor;

    Timers() {
        executor = new ScheduledThreadPoolExecutor(1, r -> {
            Thread t = new Thread(r, "skynetj-timer");
            t.setDaemon(true);
            return t;
        });
        executor.setRemoveOnCancelPolicy(true);
    }

    /** Schedules {@code action}; returns null once the node is stopping (the timer would never matter). */
    ScheduledFuture<?> schedule(long cs, Runnable action) {
        try {
            return executor.schedule(action, cs * 10, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopping) {
            return null;
        }
    }

    void shutdown() {
        executor.shutdownNow();
    }
}
