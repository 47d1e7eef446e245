package io.skynetj.kernel;

import java.util.concurrent.locks.LockSupport;

/**
 * Back-pressure on one-way sends: a send to another service whose mailbox holds more than the node's
 * {@code mailbox_limit} parks the sending execution, keeping its baton (so nothing of the sender runs
 * in between and message order holds), until that mailbox is down to half the limit, the receiver is
 * gone, or {@link #MAX_WAIT_NANOS} passed: a sender cannot outrun its receiver by more than the limit
 * for long.
 */
final class BackPressure {
    /** How long a send to a full mailbox waits, at most, for the receiver to catch up. */
    static final long MAX_WAIT_NANOS = 100_000_000L;
    private static final long PARK_NANOS = 100_000L;

    /** Sends that waited; written by the baton holder only. */
    private volatile long waits;

    /** Called by {@code sender}'s baton holder after it queued a message for {@code target}. */
    void afterSend(Service sender, Service target, int session) {
        int limit = sender.node.mailboxLimit();
        if (session != 0 || limit <= 0 || target == sender || target.backlog() <= limit) return;
        waits++;
        long resumeAt = limit / 2;
        long deadline = System.nanoTime() + MAX_WAIT_NANOS;
        while (target.backlog() > resumeAt && !target.isDead() && !sender.isDead() && System.nanoTime() - deadline < 0)
            LockSupport.parkNanos(PARK_NANOS);
    }

    long waits() {
        return waits;
    }
}
