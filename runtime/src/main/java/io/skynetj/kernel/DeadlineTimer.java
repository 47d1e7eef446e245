package io.skynetj.kernel;

import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * A timer for quick actions at deadlines outside any service (cluster call timeouts and reconnect
 * backoff, socket deadlines of the console and cluster links): one daemon thread for every node in the
 * process. Service code uses the node's timers instead.
 */
public final class DeadlineTimer {
    private DeadlineTimer() {}

    private static final ScheduledThreadPoolExecutor EXECUTOR = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "skynetj-deadline-timer");
        t.setDaemon(true);
        return t;
    });

    static {
        EXECUTOR.setRemoveOnCancelPolicy(true);
    }

    /** Runs {@code action} (which must be quick and must not block) after {@code millis}. */
    public static ScheduledFuture<?> after(long millis, Runnable action) {
        return EXECUTOR.schedule(action, millis, TimeUnit.MILLISECONDS);
    }
}
