package io.skynetj.kernel;

import java.util.concurrent.locks.LockSupport;

/**
 * One logical coroutine of a service: the handling of one request, a fork, a timer callback.
 * It runs on a virtual thread while it holds the service's baton; when it blocks it parks that
 * thread and passes the baton on. Fields without volatile are only touched by the baton holder.
 */
public final class Execution {
    final Service service;
    /** The request being served, or null for forks and timer callbacks. */
    public final Message request;
    /** Service-specific job for forks, timer callbacks and start-up (e.g. a Lua function). */
    public final Object job;
    /** Service-specific per-execution data (the Lua bridge keeps the coroutine object here). */
    private Object attachment;

    /** True once the request has been answered, detached by {@code response()} or ignored. */
    boolean replied;
    /** Session this execution is blocked on (0 when not blocked on a session). */
    int blockedSession;
    /** Service this execution is calling while blocked in {@code call}, for {@code term}. */
    int callee;
    /** Token this execution sleeps or waits on, for {@code wakeup}. */
    Object token;
    /** What the blocked operation returns: the reply, or null when woken by {@code wakeup}. */
    Message reply;
    boolean broken;
    /** Nanoseconds this execution has spent running (holding the baton). */
    long runNanos;
    /** Why the handler failed; its error reply carries this text (skynet.call ignores it, cluster agents pass it on). */
    String failure;

    /** While this execution unwinds for its service's exit or a killthread: the execution to hand the baton back to. */
    Execution unwindFor;

    private volatile Thread thread;
    private volatile boolean resumed;
    private volatile boolean killed;
    /** What a suspended execution throws instead of returning, when it is unwound (see {@link Service#unwind}). */
    private volatile Error unwindWith;

    Execution(Service service, Message request, Object job) {
        this.service = service;
        this.request = request;
        this.job = job;
        this.replied = request == null || request.session == 0 || request.isReply();
    }

    /** What the service's body attached to this execution, or null. */
    public Object attachment() {
        return attachment;
    }

    public void attach(Object attachment) {
        this.attachment = attachment;
    }

    public Service service() {
        return service;
    }

    /** Session of the request served (0 for a send, a fork or a timer callback). */
    public int session() {
        return request == null ? 0 : request.session;
    }

    /** Records why this execution's handler failed, for its error reply. */
    public void failure(String reason) {
        failure = reason;
    }

    /** Source address of the request served (0 for forks and timer callbacks). */
    public int source() {
        return request == null ? 0 : request.source;
    }

    /** The session this execution waits on: a reply or its sleep timer (0 when waiting for a wakeup). */
    public int blockedSession() {
        return blockedSession;
    }

    /** What a suspended execution waits for: {@code call to :0000000b}, {@code sleep} or {@code wait}. */
    public String waitingFor() {
        if (callee != 0) return "call to " + Address.format(callee);
        return blockedSession != 0 ? "sleep" : "wait";
    }

    boolean owesReply() {
        return !replied;
    }

    /** Parks the current thread until the baton comes back to this execution. */
    void suspend() {
        thread = Thread.currentThread();
        resumed = false;
        passBatonOn();
        awaitBaton();
        Error u = unwindWith;
        if (u != null) {
            unwindWith = null;
            throw u;
        }
    }

    /** Set before handing the baton to another execution that will hand it straight back ({@link #awaitBaton}). */
    void expectBaton() {
        thread = Thread.currentThread();
        resumed = false;
    }

    /** Parks until the baton comes back to this execution. */
    void awaitBaton() {
        while (!resumed && !killed) LockSupport.park(this);
        if (killed) throw new ServiceExit();
    }

    /**
     * Gives the baton to what runs next, in a frame of its own: a local in {@link #suspend} would keep
     * that next execution (and its request) alive for as long as this one stays parked.
     */
    private void passBatonOn() {
        Execution next = service.passBaton();
        if (next != null) service.spawn(next);
    }

    /** Hands the baton to this (suspended) execution. */
    void resume() {
        resumed = true;
        LockSupport.unpark(thread);
    }

    /** Hands the baton to this (suspended) execution, which throws {@code how} instead of returning. */
    void resumeUnwinding(Error how) {
        unwindWith = how;
        resume();
    }

    /** True while this execution unwinds for its service's exit or a killthread: it may not block. */
    public boolean unwinding() {
        return unwindFor != null;
    }

    /** Makes a suspended execution unwind with {@link ServiceExit}; it never holds the baton again. */
    void kill() {
        killed = true;
        Thread t = thread;
        if (t != null) LockSupport.unpark(t);
    }

    @Override
    public String toString() {
        return "execution of " + Address.format(service.handle) + (request != null ? " session " + request.session : "");
    }
}
