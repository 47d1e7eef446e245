package io.skynetj.kernel;

import java.util.ArrayDeque;

/**
 * A stable address in front of a replaceable service instance (the manager/router pattern, done in
 * the kernel: a message to the route goes straight into the current instance's mailbox, with its
 * original source and session, so replies need no extra hop). While fenced, messages are held in
 * arrival order; {@link #flip} hands them to the new instance, {@link #reopen} back to the old one.
 */
public final class Route {
    private Service target;
    private boolean fenced;
    private final ArrayDeque<Message> held = new ArrayDeque<>();

    Route(Service target) {
        this.target = target;
    }

    synchronized boolean deliver(Message m) {
        if (fenced) {
            held.add(m);
            return true;
        }
        return target.deliver(m);
    }

    synchronized Service target() {
        return target;
    }

    /** From now on messages are held, in arrival order. */
    public synchronized void fence() {
        fenced = true;
    }

    public synchronized int heldCount() {
        return held.size();
    }

    /** Points the route at {@code next} and delivers the held messages to it, in order. */
    public synchronized void flip(Service next) {
        target = next;
        reopen();
    }

    /** Delivers the held messages to the current target, in order, and stops holding. */
    public synchronized void reopen() {
        fenced = false;
        Message m;
        while ((m = held.poll()) != null) target.deliver(m);
    }
}
