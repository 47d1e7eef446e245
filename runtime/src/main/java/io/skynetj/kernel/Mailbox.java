package io.skynetj.kernel;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * A service's message queue and its baton (skynet's message queue and its "in the global queue"
 * flag): any thread may put a message; the thread that wins the baton runs the service until the
 * queue is empty, then lets it go. Only the baton holder takes messages out.
 *
 * <p>Each message is its own queue node ({@link Message#next}): a sender pushes it onto a stack with
 * one compare-and-set, and the baton holder takes the whole stack at once and reverses it into
 * arrival order. So putting a message allocates nothing, and a mailbox is a few fields.
 */
final class Mailbox {
    /** skynet's MQ_OVERLOAD: the first mailbox length that logs "May overload"; it doubles after each warning. */
    static final int OVERLOAD_THRESHOLD = 1024;

    private static final VarHandle INCOMING, PUT, BOUNCED, BATON;

    static {
        try {
            MethodHandles.Lookup l = MethodHandles.lookup();
            INCOMING = l.findVarHandle(Mailbox.class, "incoming", Message.class);
            PUT = l.findVarHandle(Mailbox.class, "put", long.class);
            BOUNCED = l.findVarHandle(Mailbox.class, "bounced", long.class);
            BATON = l.findVarHandle(Mailbox.class, "baton", boolean.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    /** Messages put and not taken over by the holder yet, newest first (linked through {@code next}). */
    private volatile Message incoming;
    /** Messages taken over by the holder, in arrival order (baton holder only). */
    private Message first;
    /** Messages ever put; minus {@link #taken} it is the length in O(1). */
    private volatile long put;
    private volatile long taken;
    /** Messages of a dead service given back to their senders. */
    private volatile long bounced;
    private int overloadThreshold = OVERLOAD_THRESHOLD; // baton holder only
    private volatile boolean baton;

    void put(Message m) {
        PUT.getAndAdd(this, 1L);
        Message top;
        do {
            top = incoming;
            m.next = top; // published by the compare-and-set
        } while (!INCOMING.compareAndSet(this, top, m));
    }

    /** Takes the baton if nobody holds it; the winner must run the service (or clean it up). */
    boolean grabBaton() {
        return BATON.compareAndSet(this, false, true);
    }

    /** True while some thread holds the baton (what the "baton holder only" assertions check). */
    boolean batonHeld() {
        return baton;
    }

    /**
     * Lets the baton go once the queue looked empty. Returns true when a message came in meanwhile
     * and this thread took the baton back, so it must go on.
     */
    boolean releaseBaton() {
        assert baton;
        overloadThreshold = OVERLOAD_THRESHOLD;
        baton = false;
        // a sender whose grab failed before the line above pushed its message before that grab
        return (first != null || incoming != null) && grabBaton();
    }

    /** The next message, counted as handled, or null (baton holder only). */
    Message take() {
        assert baton;
        Message m = first;
        if (m == null) {
            if (incoming == null) return null; // a read: an empty mailbox's line stays shared with its senders
            m = inArrivalOrder((Message) INCOMING.getAndSet(this, (Message) null));
        }
        first = m.next;
        m.next = null;
        taken++;
        return m;
    }

    /**
     * The messages of a dead service, to bounce (not counted as handled), in arrival order, linked
     * through {@code next}. The baton holder gets its own list too; other threads (senders that
     * found the service dead) get only what was put since the holder last took, each a part of its own.
     */
    Message takeToBounce(boolean batonHolder) {
        Message m = inArrivalOrder((Message) INCOMING.getAndSet(this, (Message) null));
        if (batonHolder && first != null) {
            Message last = first;
            while (last.next != null) last = last.next;
            last.next = m;
            m = first;
            first = null;
        }
        long n = 0;
        for (Message x = m; x != null; x = x.next) n++;
        BOUNCED.getAndAdd(this, n);
        return m;
    }

    private static Message inArrivalOrder(Message newestFirst) {
        Message ordered = null;
        while (newestFirst != null) {
            Message next = newestFirst.next;
            newestFirst.next = ordered;
            ordered = newestFirst;
            newestFirst = next;
        }
        return ordered;
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

    /** True when every message put was taken or bounced; safe from any thread. */
    boolean isEmpty() {
        return put - taken - bounced <= 0;
    }

    /** Messages waiting (O(1); may lag by the messages being put right now). */
    long backlog() {
        return put - taken;
    }

    /** Messages taken out to be handled since the service started. */
    long taken() {
        return taken;
    }
}
