package io.skynetj.kernel;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A service's timers on the node's wheel ({@link Timers}): sleeps and timeouts, each keyed by the
 * session its expiry is delivered to, as a RESPONSE with no source. An upgrade hand-over pauses them
 * and re-arms them with the time they had left.
 */
final class ArmedTimers {
    private final Service service;
    private final ConcurrentHashMap<Integer, ScheduledFuture<?>> armed = new ConcurrentHashMap<>();
    /** session → remaining centiseconds of timers stopped by {@link #pause} (baton holder only). */
    private Map<Integer, Long> paused = new HashMap<>();

    ArmedTimers(Service service) {
        this.service = service;
    }

    /** Delivers the expiry of {@code session} in {@code cs} centiseconds (at once when {@code cs <= 0}). */
    void arm(int session, long cs) {
        if (cs <= 0) {
            service.deliver(expiry(session));
            return;
        }
        // compute() holds the entry while scheduling, so a timer firing at once removes it only after it is recorded
        armed.compute(session, (k, none) -> service.node.timers.schedule(cs, () -> {
            armed.remove(session);
            service.deliver(expiry(session));
        }));
    }

    private static Message expiry(int session) {
        return new Message(0, session, Ptype.RESPONSE, null);
    }

    /** Stops every timer, remembering how long each had left (baton holder only). */
    void pause() {
        armed.forEach((session, f) -> {
            if (f.cancel(false)) paused.put(session, Math.max(0, f.getDelay(TimeUnit.MILLISECONDS) / 10));
        });
        armed.keySet().removeAll(paused.keySet());
    }

    /** The timers {@link #pause} stopped (session → centiseconds left), forgotten here (baton holder only). */
    Map<Integer, Long> takePaused() {
        Map<Integer, Long> taken = paused;
        paused = new HashMap<>();
        return taken;
    }

    /** Cancels every timer (the service is gone). */
    void cancelAll() {
        for (ScheduledFuture<?> f : armed.values()) f.cancel(false);
        armed.clear();
    }

    int pending() {
        return armed.size();
    }
}
