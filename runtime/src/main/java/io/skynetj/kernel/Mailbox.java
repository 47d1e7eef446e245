package io.skynetj.kernel;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A service's message queue and its baton (skynet's message queue and its "in the global queue"
 * flag): any thread may put a message; the thread that wins the baton runs the service until the
 * queue is empty, then lets it go. Only the baton holder takes messages out.
 */
final class Mailbox {
    /** skynet's MQ_OVERLOAD: the first mailbox length that logs "May overload"; it doubles after each warning. */
    static final int OVERLOAD_THRESHOLD = 1024;

    private final ConcurrentLinkedQueue<Message> queue = new ConcurrentLinkedQueue<>();
    /** Messages ever put; minus {@link #taken} it is the length in O(1). */
    private final AtomicLong put = new AtomicLong();
    private volatile long taken;
    private int overloadThreshold = OVERLOAD_THRESHOLD; // baton holder only
    private final AtomicBoolean baton = new AtomicBoolean();

    void put(Message m) {
        put.incrementAndGet();
        queue.offer(m);
    }

    /** Takes the baton if nobody holds it; the winner must run the service (or clean it up). */
    boolean grabBaton() {
        return baton.compareAndSet(false, true);
    }

    /** True while some thread holds the baton (what the "baton holder only" assertions check). */
    boolean batonHeld() {
        return baton.get();
    }

    /**
     * Lets the baton go once the queue looked empty. Returns true when a message came in meanwhile
     * and this thread took the baton back, so it must go on.
     */
    boolean releaseBaton() {
        assert baton.get();
        overloadThreshold = OVERLOAD_THRESHOLD;
        baton.set(false);
        return !queue.isEmpty() && baton.compareAndSet(false, true);
    }

    /** The next message, counted as handled, or null (baton holder only). */
    Message take() {
        assert baton.get();
        Message m = queue.poll();
        if (m != null) taken++;
        return m;
    }

    /** The next message of a dead service, to bounce (not counted as handled). */
    Message takeToBounce() {
        return queue.poll();
    }

    /**
     * skynet's overload warning (baton holder only): the backlog when it passed the threshold, which
     * then doubles until the queue empties; else -1.
     */
    long overload() {
        long backlog = backlog();
        if (backlog <= overloadThreshold) return -1;
        while (overloadThreshold <= backlog && overloadThreshold < Integer.MAX_VALUE / 2) overloadThreshold *= 2;
        return backlog;
    }

    boolean isEmpty() {
        return queue.isEmpty();
    }

    /** Messages waiting (O(1); may lag by the messages being put right now). */
    long backlog() {
        return put.get() - taken;
    }

    /** Messages taken out to be handled since the service started. */
    long taken() {
        return taken;
    }
}
