package io.skynetj.kernel;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service: an address, a mailbox and a baton. Exactly one {@link Execution} of a service runs at a
 * time: the one holding the baton. An execution that blocks ({@link #call}, {@link #sleep},
 * {@link #await}) passes the baton on, so the service keeps handling messages, as skynet's
 * coroutine-per-request scheduler does. Everything not marked concurrent below is touched only by
 * the baton holder.
 */
public final class Service {
    private static final Logger LOG = LoggerFactory.getLogger(Service.class);

    public final int handle;
    public final Node node;
    private ServiceBody body;
    /** Set for a stable address that forwards to a replaceable instance (see {@link Route}). */
    private volatile Route route;
    /** The console's logon: every message given to this service is written here (skynet's logpath files). */
    volatile MessageLog messageLog;

    final Mailbox mailbox = new Mailbox();
    private volatile boolean dead;
    final ArmedTimers timers = new ArmedTimers(this);

    // Baton-owned state.
    final RunQueue runQueue = new RunQueue();
    final Sessions sessions = new Sessions();
    final DetachedReplies detached = new DetachedReplies();
    private Execution current;
    private boolean cleanedUp;
    private final RunClock clock;
    /** Requests (calls and sends) taken from the mailbox whose execution has not finished. */
    private volatile int activeRequests;
    private final BackPressure backPressure = new BackPressure();

    Service(Node node, int handle) {
        this.node = node;
        this.handle = handle;
        this.clock = new RunClock(!"false".equals(node.getenv("profile")));
    }

    void attach(ServiceBody body) {
        this.body = body;
    }

    public ServiceBody body() {
        return body;
    }

    /** What this service runs, for listings (a route names its current instance). */
    public String describe() {
        Route r = route;
        return r != null ? "route -> " + Address.format(r.target().handle) : body.describe();
    }

    public boolean isDead() {
        return dead;
    }

    /** The execution holding the baton (only meaningful on the holder's thread). */
    public Execution current() {
        return current;
    }

    // ---------------------------------------------------------------- delivery and scheduling

    /** Queues a message; returns false if the service is dead (the message is bounced). */
    boolean deliver(Message m) {
        Route r = route;
        if (r != null && !dead) return r.deliver(m);
        return enqueue(m);
    }

    private boolean enqueue(Message m) {
        if (dead) {
            Teardown.bounce(this, m);
            return false;
        }
        MessageLog log = messageLog;
        if (log != null) log.write(m);
        mailbox.put(m);
        if (mailbox.grabBaton()) {
            Execution e = passBaton();
            if (e != null) spawn(e);
        } else if (dead) {
            Teardown.bounceMailbox(this, false);
        }
        return true;
    }

    /** Starts the service: its first execution runs {@code job}. */
    void start(Object job) {
        if (!mailbox.grabBaton()) throw new IllegalStateException("service already started");
        spawn(new Execution(this, null, job));
    }

    void spawn(Execution e) {
        Workers.run(this, e);
    }

    /** A worker thread: runs executions until the baton goes elsewhere. */
    void work(Execution e) {
        while (e != null) {
            current = e;
            clock.start();
            boolean ok;
            try {
                ok = body.run(e);
            } catch (ServiceExit exit) {
                // killed from outside while running (a safe point of its Lua code): the holder cleans up
                if (dead && current == e) cleanup();
                handBack(e);
                return;
            } catch (Throwable t) {
                ok = false; // first: logging may fail too (an OutOfMemoryError), the baton must still move on
                Failures.log(LOG, "{} failed", e, t);
            }
            clock.stop(e);
            try {
                finish(e, ok);
            } catch (Throwable t) {
                Failures.log(LOG, "the error reply of {} failed", e, t);
            }
            if (e.request != null) activeRequests--;
            if (handBack(e)) return;
            e = passBaton();
        }
    }

    /** An execution unwound by {@link #unwind} gives the baton straight back to the one that unwound it. */
    private boolean handBack(Execution e) {
        Execution back = e.unwindFor;
        if (back == null) return false;
        e.unwindFor = null;
        back.resume();
        return true;
    }

    /** An execution ended (or was killed): a request it did not answer gets an error reply. */
    void finish(Execution e, boolean ok) {
        if (!e.owesReply()) return;
        if (ok) node.log(handle, "Maybe forgot response session " + e.session() + " from " + Address.format(e.source()));
        e.replied = true;
        node.send(handle, e.source(), Ptype.ERROR, e.session(),
            e.failure == null ? null : e.failure.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Called by the baton holder when its execution ends or blocks: gives the baton to the next
     * thing to run. Returns a new execution for the caller to run itself, or null when the baton went
     * to a suspended execution or was released.
     */
    Execution passBaton() {
        current = null;
        for (;;) {
            if (dead) {
                cleanup();
                return null;
            }
            Execution e = runQueue.nextWoken();
            if (e != null) {
                e.resume();
                return null;
            }
            e = runQueue.nextFork();
            if (e != null) return e;
            Message m = mailbox.take();
            if (m != null) {
                long backlog = mailbox.overload();
                if (backlog >= 0) node.log(handle, "May overload, message queue length = " + backlog);
                if (m.task != null) return new Execution(this, null, m.task);
                if (!m.isReply()) {
                    activeRequests++;
                    return new Execution(this, m, null);
                }
                Object waiter = sessions.take(m.session);
                if (waiter instanceof Execution w) {
                    if (w.blockedSession == 0) return w; // a timeout callback, not a blocked execution
                    sessions.unblock(w);
                    w.reply = m;
                    w.resume();
                    return null;
                }
                // A reply nobody waits for goes to the body (skynet.dispatch_unknown_response); late
                // replies to abandoned sessions and timers are dropped silently.
                if (waiter == null && m.source != 0) return new Execution(this, m, null);
                continue;
            }
            if (!mailbox.releaseBaton()) return null;
        }
    }

    /** Blocks the current execution on a session until its reply (or a wakeup) arrives. */
    private Message block(int session, Object token) {
        assert mailbox.batonHeld() : "baton holder only";
        Execution e = current;
        sessions.block(e, session, token);
        clock.stop(e);
        e.suspend();
        current = e;
        clock.start();
        return e.reply;
    }

    /**
     * Seconds this service spent running its executions, the one running now included (skynet.stat
     * "cpu"; 0 with profile = false).
     */
    public double cpuSeconds() {
        return clock.totalSeconds();
    }

    /** Seconds the current execution has run so far (skynet.stat "time"); holder only. */
    public double currentRunSeconds() {
        assert mailbox.batonHeld() : "baton holder only";
        return clock.seconds(current, current);
    }

    /** Seconds {@code e} (an execution of this service) has spent running, not blocked; holder only. */
    public double runSeconds(Execution e) {
        assert mailbox.batonHeld() : "baton holder only";
        return clock.seconds(e, current);
    }

    // ---------------------------------------------------------------- operations for the holder

    public int newSession() {
        assert mailbox.batonHeld() : "baton holder only";
        return sessions.next();
    }

    /**
     * One-way send; returns false when the destination does not exist. A send to a full mailbox
     * waits for it to drain (see {@link BackPressure}).
     */
    public boolean send(int dest, int type, int session, byte[] data) {
        Service target = node.post(handle, dest, type, session, data);
        if (target == null) return false;
        backPressure.afterSend(this, target, session);
        return true;
    }

    /** Messages waiting in the mailbox (O(1); may lag by the messages being queued right now). */
    long backlog() {
        return mailbox.backlog();
    }

    /**
     * Sends a request and blocks the current execution until the reply. Returns the reply message
     * (type {@link Ptype#ERROR} when the call failed); throws {@link InvalidAddress} at once when the
     * destination does not exist.
     */
    public Message call(int dest, int type, byte[] data) {
        int session = newSession();
        if (!node.send(handle, dest, type, session, data)) throw new InvalidAddress(dest);
        current.callee = dest;
        return block(session, null);
    }

    /**
     * Blocks the current execution until {@code work} completes (it runs elsewhere, e.g. on its own
     * virtual thread); returns a RESPONSE carrying its bytes, or an ERROR carrying the failure's text.
     */
    public Message join(CompletableFuture<byte[]> work) {
        int session = newSession();
        work.whenComplete((bytes, failure) -> enqueue(failure == null
            ? new Message(0, session, Ptype.RESPONSE, bytes)
            : new Message(0, session, Ptype.ERROR, String.valueOf(rootCause(failure).getMessage()).getBytes(StandardCharsets.UTF_8))));
        return block(session, null);
    }

    private static Throwable rootCause(Throwable t) {
        while ((t instanceof CompletionException || t instanceof ExecutionException)
            && t.getCause() != null) t = t.getCause();
        return t;
    }

    /** Sleeps {@code cs} centiseconds; returns true when woken early by {@link #wakeup}. */
    public boolean sleep(long cs, Object token) {
        int session = newSession();
        timers.arm(session, cs);
        Execution e = current;
        block(session, token == null ? e : token);
        return e.broken;
    }

    /** Waits until {@link #wakeup} of the token. */
    public void await(Object token) {
        block(0, token == null ? current : token);
    }

    /** Resumes the execution sleeping or waiting on {@code token} once the current one yields. */
    public boolean wakeup(Object token) {
        assert mailbox.batonHeld() : "baton holder only";
        Execution e = sessions.takeToken(token);
        if (e == null) return false;
        sessions.abandon(e);
        e.broken = true;
        runQueue.wake(e);
        return true;
    }

    /** Queues {@code job} to run in a new execution after the current one yields or ends. */
    public Execution fork(Object job) {
        assert mailbox.batonHeld() : "baton holder only";
        Execution e = new Execution(this, null, job);
        runQueue.fork(e);
        return e;
    }

    /** Runs {@code job} in a new execution after {@code cs} centiseconds. */
    public Execution timeout(long cs, Object job) {
        int session = newSession();
        Execution e = new Execution(this, null, job);
        sessions.expectTimeout(session, e);
        timers.arm(session, cs);
        return e;
    }

    /**
     * Replies to the request served by the current execution. Returns false for a request that was
     * a send or whose requester is gone; throws {@link IllegalStateException} when nothing is owed.
     */
    public boolean ret(int type, byte[] data) {
        assert mailbox.batonHeld() : "baton holder only";
        Execution e = current;
        if (e == null || e.request == null || e.replied) throw new IllegalStateException("No session");
        e.replied = true;
        if (e.session() == 0) return false;
        return node.send(handle, e.source(), type, e.session(), data);
    }

    /** Marks the current request as needing no reply. */
    public void ignoreReply() {
        if (current != null) current.replied = true;
    }

    /** Detaches the reply of the current request so it can be sent later, from any execution. */
    public PendingResponse response() {
        assert mailbox.batonHeld() : "baton holder only";
        Execution e = current;
        if (e == null || e.request == null || e.replied) throw new IllegalStateException("No session");
        e.replied = true;
        return detached.detach(e.source(), e.session());
    }

    /** Sends a detached reply: a response of {@code type} (RESPONSE or ERROR). */
    public boolean respond(PendingResponse r, int type, byte[] data) {
        assert mailbox.batonHeld() : "baton holder only";
        detached.settle(r);
        return node.send(handle, r.source, type, r.session, data);
    }

    /** True while a detached reply can still be delivered. */
    public boolean responseValid(PendingResponse r) {
        return !r.done && node.service(r.source) != null;
    }

    /** Fails every pending call of this service to {@code dest} (skynet.term). */
    public void term(int dest) {
        assert mailbox.batonHeld() : "baton holder only";
        for (Execution e : sessions.callersOf(dest)) {
            sessions.abandon(e);
            e.reply = new Message(dest, 0, Ptype.ERROR, null);
            runQueue.wake(e);
        }
    }

    /**
     * Kills a suspended execution or a queued fork (skynet.killthread); its requester gets an error
     * reply. A suspended one unwinds with {@code how} (see {@link #unwind}) before this returns.
     */
    public boolean killExecution(Execution e, Error how) {
        assert mailbox.batonHeld() : "baton holder only";
        if (runQueue.cancelFork(e)) return true;
        if (e == current || !sessions.isWaiting(e)) return false;
        unwind(e, how);
        return true;
    }

    /**
     * skynet.exit's first step: every execution suspended in a call, sleep or wait, or woken and not
     * resumed yet, unwinds with an error from {@code how} (see {@link #unwind}), oldest session first.
     */
    public void unwindSuspended(Supplier<? extends Error> how) {
        assert mailbox.batonHeld() : "baton holder only";
        List<Execution> suspended = new ArrayList<>();
        sessions.addBlocked(suspended);
        runQueue.addWoken(suspended);
        for (Execution e : new LinkedHashSet<>(suspended)) // a sleeper is listed by session and by token
            if (e != current && !dead) unwind(e, how.get());
    }

    /**
     * Hands the baton to suspended execution {@code e}, which throws {@code how} instead of returning
     * from its call, sleep or wait, and waits until it has unwound: the Lua layer's closes its
     * to-be-closed variables on the way, as skynet's coroutine.close of a suspended coroutine does. A
     * request it served gets an error reply. Nothing else runs meanwhile.
     */
    private void unwind(Execution e, Error how) {
        Execution self = current;
        sessions.abandon(e);
        runQueue.unwake(e);
        clock.stop(self);
        e.unwindFor = self;
        self.expectBaton();
        current = e;
        clock.start();
        e.resumeUnwinding(how);
        self.awaitBaton();
        current = self;
        clock.start();
    }

    /** Ends this service from inside (skynet.exit): never returns. */
    public void exit() {
        markDead();
        cleanup();
        throw new ServiceExit();
    }

    // ---------------------------------------------------------------- death

    /** Kills the service from outside; its in-flight requests fail at their callers. A route takes its instance along. */
    void kill() {
        Route r = route;
        if (r != null) r.target().kill();
        markDead();
        if (mailbox.grabBaton()) cleanup();
        // else the baton holder cleans up when it next passes the baton
    }

    private void markDead() {
        if (dead) return;
        dead = true;
        node.unregister(this);
    }

    private void cleanup() {
        if (cleanedUp) return;
        cleanedUp = true;
        Teardown.run(this);
    }

    // ---------------------------------------------------------------- kernel tasks and hand-over

    /**
     * Runs {@code task} as an execution of this service (holding its baton, after the messages
     * already queued) and completes the future with its result or failure. Used from outside the
     * service, e.g. by the upgrade manager.
     */
    public <T> CompletableFuture<T> post(Function<Service, T> task) {
        PostedTask<T> job = new PostedTask<>(this, task);
        enqueue(new Message(0, 0, Ptype.SYSTEM, null, job));
        return job.result;
    }

    void routeTo(Route r) {
        route = r;
    }

    public Route route() {
        return route;
    }

    /** True when nothing is queued and no request is being handled or owed a detached reply. */
    public boolean isDrained() {
        return activeRequests == 0 && detached.count() == 0 && mailbox.isEmpty();
    }

    /** The requests this service still owes a reply to, as ":source/session" (baton holder only). */
    public List<String> owedRequests() {
        assert mailbox.batonHeld() : "baton holder only";
        return HandOver.owedRequests(this);
    }

    /** Stops every timer (sleeps and timeouts), remembering how long each had left (baton holder only). */
    public void pauseTimers() {
        assert mailbox.batonHeld() : "baton holder only";
        timers.pause();
    }

    /** Re-arms the timers {@link #pauseTimers} stopped, with the time they had left (baton holder only). */
    public void resumeTimers() {
        assert mailbox.batonHeld() : "baton holder only";
        timers.takePaused().forEach(timers::arm);
    }

    /**
     * Drops everything that is not serving a request: paused timers and their callbacks, sleeping or
     * waiting forks, queued forks. Used when a new instance takes over (baton holder only).
     */
    public int dropBackground() {
        assert mailbox.batonHeld() : "baton holder only";
        return HandOver.dropBackground(this);
    }

    // ---------------------------------------------------------------- introspection

    public int mailboxLength() {
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, backlog()));
    }

    /** How many one-way sends of this service waited for a full mailbox to drain. */
    long throttledSends() {
        return backPressure.waits();
    }

    public long messageCount() {
        return mailbox.taken();
    }

    /** Requests taken from the mailbox whose execution has not finished yet. */
    public int activeRequests() {
        return activeRequests;
    }

    /** Number of suspended executions (skynet.task()). */
    public int suspendedCount() {
        return sessions.blocked();
    }

    /** The executions suspended in call, sleep or wait (skynet.task, killthread by name); baton holder only. */
    public List<Execution> suspended() {
        assert mailbox.batonHeld() : "baton holder only";
        return sessions.suspended();
    }

    /**
     * The executions the kernel holds that have not started or are about to resume: woken ones, queued
     * forks, timer callbacks waiting for their timer (debug.getregistry lists them, as skynet's Lua
     * tables hold them); baton holder only.
     */
    public List<Execution> pending() {
        assert mailbox.batonHeld() : "baton holder only";
        List<Execution> list = new ArrayList<>();
        runQueue.addQueued(list);
        sessions.addTimeoutCallbacks(list);
        return list;
    }

    public int pendingTimers() {
        return timers.pending();
    }

    @Override
    public String toString() {
        return "service " + Address.format(handle);
    }
}
