package io.skynetj.lua;

import io.skynetj.kernel.Execution;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Timer callbacks registered with {@code skynet.timeout} that have not started yet. skynet counts them
 * among a service's tasks (each holds a session), and with {@code skynet.trace_timeout(true)} shows
 * where each was created. Touched only by the thread holding the service's baton.
 */
final class PendingTimeouts {
    private final Map<Execution, String> pending = new IdentityHashMap<>();
    /** skynet.trace_timeout: describe the creator of each new timeout. */
    boolean traced;

    void created(Execution e, String description) {
        pending.put(e, description);
    }

    /** The timeout's callback started: it is no longer pending. */
    void ended(Execution e) {
        pending.remove(e);
    }

    Map<Execution, String> all() {
        return pending;
    }

    int count() {
        return pending.size();
    }
}
