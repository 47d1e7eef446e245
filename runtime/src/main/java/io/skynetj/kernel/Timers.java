package io.skynetj.kernel;

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

    ScheduledFuture<?> schedule(long cs, Runnable action) {
        return executor.schedule(action, cs * 10, TimeUnit.MILLISECONDS);
    }

    void shutdown() {
        executor.shutdownNow();
    }
}
