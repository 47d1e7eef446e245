package io.skynetj.cluster;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/** The timer for call timeouts and reconnect backoff: one daemon thread for every node in the process. */
final class ClusterTimer {
    private ClusterTimer() {}

    private static final ScheduledThreadPoolExecutor EXECUTOR = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "skynetj-cluster-timer");
        t.setDaemon(true);
        return t;
    });

    static {
        EXECUTOR.setRemoveOnCancelPolicy(true);
    }

    /** Runs {@code action} (which must be quick) after {@code millis}. */
    static ScheduledFuture<?> after(long millis, Runnable action) {
        return EXECUTOR.schedule(action, millis, TimeUnit.MILLISECONDS);
    }
}
