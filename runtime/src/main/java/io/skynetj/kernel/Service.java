package io.skynetj.kernel;

import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
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
    /** Marks a session whose late reply must be dropped silently (woken sleeps, abandoned calls). */
    private static final Object DROPPED = new Object();
    /** skynet's MQ_OVERLOAD: the first mailbox length that logs "May overload"; it doubles after each warning. */
    static final int OVERLOAD_THRESHOLD = 1024;
    /** How long a send to a full mailbox waits, at most, for the receiver to catch up. */
    static final long THROTTLE_MAX_NANOS = 100_000_000L;
    private static final long THROTTLE_PARK_NANOS = 100_000L;

    public final int handle;
    public final Node node;
    private ServiceBody body;
    /** Set for a stable address that forwards to a replaceable instance (see {@link Route}). */
    private volatile Route route;
    /** The console's logon: every message given to this service is written here (skynet's logpath files). */
    volatile MessageLog messageLog;

    private final ConcurrentLinkedQueue<Message> mailbox = new ConcurrentLinkedQueue<>();
    /** Messages ever queued; minus {@link #messages} (taken out) it is the mailbox length in O(1). */
    private final AtomicLong queued = new AtomicLong();
    private int overloadThreshold = OVERLOAD_THRESHOLD; // baton-owned
    private final AtomicBoolean baton = new AtomicBoolean();
    private volatile boolean dead;
    private final ConcurrentHashMap<Integer, ScheduledFuture<?>> timers = new ConcurrentHashMap<>();

    // Baton-owned state.
    private final ArrayDeque<Execution> woken = new ArrayDeque<>();
    private final ArrayDeque<Execution> forks = new ArrayDeque<>();
    /** session → the Execution blocked on it, a timer callback Execution, or DROPPED. */
    private final HashMap<Integer, Object> sessions = new HashMap<>();
    private final HashMap<Object, Execution> tokens = new HashMap<>();
    private final Set<PendingResponse> detached = new HashSet<>();
    private volatile int detachedCount;
    private Execution current;
    private int lastSession;
    private boolean cleanedUp;
    private volatile int blocked;
    private volatile long messages;
    /** skynet's {@code profile} key (default on): account the time each execution runs. */
    private final boolean profile;
    private long runningSince;
    private volatile long cpuNanos;
    /** Requests (calls and sends) taken from the mailbox whose execution has not finished. */
    private volatile int activeRequests;
    /** session → remaining centiseconds of timers stopped by {@link #pauseTimers}. */
    private final HashMap<Integer, Long> pausedTimers = new HashMap<>();
    private volatile long throttled;

    Service(Node node, int handle) {
        this.node = node;
        this.handle = handle;
        this.profile = !"false".equals(node.getenv("profile"));
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
            bounce(m);
            return false;
        }
        MessageLog log = messageLog;
        if (log != null) log.write(m);
        queued.incrementAndGet();
        mailbox.offer(m);
        if (baton.compareAndSet(false, true)) {
            Execution e = passBaton();
            if (e != null) spawn(e);
        } else if (dead) {
            bounceMailbox();
        }
        return true;
    }

    /** Starts the service: its first execution runs {@code job}. */
    void start(Object job) {
        if (!baton.compareAndSet(false, true)) throw new IllegalStateException("service already started");
        spawn(new Execution(this, null, job));
    }

    void spawn(Execution e) {
        Carriers.start(() -> work(e));
    }

    /** A worker thread: runs executions until the baton goes elsewhere. */
    private void work(Execution e) {
        while (e != null) {
            current = e;
            clockIn();
            boolean ok;
            try {
                ok = body.run(e);
            } catch (ServiceExit exit) {
                // killed from outside while running (a safe point of its Lua code): the holder cleans up
                if (dead && current == e) cleanup();
                return;
            } catch (Throwable t) {
                ok = false; // first: logging may fail too (an OutOfMemoryError), the baton must still move on
                Failures.log(LOG, "{} failed", e, t);
            }
            clockOut(e);
            try {
                finish(e, ok);
            } catch (Throwable t) {
                Failures.log(LOG, "the error reply of {} failed", e, t);
            }
            if (e.request != null) activeRequests--;
            e = passBaton();
        }
    }

    private void finish(Execution e, boolean ok) {
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
            Execution e = woken.poll();
            if (e != null) {
                e.resume();
                return null;
            }
            e = forks.poll();
            if (e != null) return e;
            Message m = mailbox.poll();
            if (m != null) {
                long backlog = queued.get() - ++messages;
                if (backlog > overloadThreshold) overloaded(backlog);
                if (m.task != null) return new Execution(this, null, m.task);
                if (!m.isReply()) {
                    activeRequests++;
                    return new Execution(this, m, null);
                }
                Object waiter = sessions.remove(m.session);
                if (waiter instanceof Execution w) {
                    if (w.blockedSession == 0) return w; // a timeout callback, not a blocked execution
                    unblock(w);
                    w.reply = m;
                    w.resume();
                    return null;
                }
                // A reply nobody waits for goes to the body (skynet.dispatch_unknown_response); late
                // replies to abandoned sessions and timers are dropped silently.
                if (waiter == null && m.source != 0) return new Execution(this, m, null);
                continue;
            }
            overloadThreshold = OVERLOAD_THRESHOLD;
            baton.set(false);
            if (mailbox.isEmpty() || !baton.compareAndSet(false, true)) return null;
        }
    }

    /** skynet's overload warning: logged when the mailbox passes the threshold, which then doubles until it empties. */
    private void overloaded(long backlog) {
        node.log(handle, "May overload, message queue length = " + backlog);
        while (overloadThreshold <= backlog && overloadThreshold < Integer.MAX_VALUE / 2) overloadThreshold *= 2;
    }

    private void unblock(Execution w) {
        if (w.token != null) tokens.remove(w.token);
        w.token = null;
        w.blockedSession = 0;
        w.callee = 0;
        blocked--;
    }

    /** Blocks the current execution on a session until its reply (or a wakeup) arrives. */
    private Message block(int session, Object token) {
        Execution e = current;
        e.blockedSession = session;
        e.token = token;
        e.reply = null;
        e.broken = false;
        if (session != 0) sessions.put(session, e);
        if (token != null) {
            Execution old = tokens.put(token, e);
            if (old != null && old != e) throw new IllegalStateException("token already in use by another coroutine");
        }
        blocked++;
        clockOut(e);
        e.suspend();
        current = e;
        clockIn();
        return e.reply;
    }

    /** The current execution starts (or resumes) running: skynet's profile accounting. */
    private void clockIn() {
        if (profile) runningSince = System.nanoTime();
    }

    /** The execution stops running (ends or blocks): its time goes to it and to the service. */
    private void clockOut(Execution e) {
        if (!profile || runningSince == 0) return;
        long ran = System.nanoTime() - runningSince;
        runningSince = 0;
        e.runNanos += ran;
        cpuNanos += ran;
    }

    /**
     * Seconds this service spent running its executions, the one running now included (skynet.stat
     * "cpu"; 0 with profile = false).
     */
    public double cpuSeconds() {
        long since = runningSince;
        return (cpuNanos + (since == 0 ? 0 : Math.max(0, System.nanoTime() - since))) / 1e9;
    }

    /** Seconds the current execution has run so far (skynet.stat "time"); holder only. */
    public double currentRunSeconds() {
        return runSeconds(current);
    }

    /** Seconds {@code e} (an execution of this service) has spent running, not blocked; holder only. */
    public double runSeconds(Execution e) {
        if (e == null || !profile) return 0;
        return (e.runNanos + (e != current || runningSince == 0 ? 0 : System.nanoTime() - runningSince)) / 1e9;
    }

    // ---------------------------------------------------------------- operations for the holder

    public int newSession() {
        for (;;) {
            lastSession = lastSession == Integer.MAX_VALUE ? 1 : lastSession + 1;
            if (!sessions.containsKey(lastSession)) return lastSession;
        }
    }

    /**
     * One-way send; returns false when the destination does not exist. A one-way message to another
     * service whose mailbox holds more than the node's {@code mailbox_limit} parks this execution,
     * keeping the baton (so nothing of this service runs in between and message order holds), until
     * that mailbox is down to half the limit, the receiver is gone, or {@link #THROTTLE_MAX_NANOS}
     * passed: a sender cannot outrun its receiver by more than the limit for long.
     */
    public boolean send(int dest, int type, int session, byte[] data) {
        Service target = node.post(handle, dest, type, session, data);
        if (target == null) return false;
        int limit = node.mailboxLimit();
        if (session == 0 && limit > 0 && target != this && target.backlog() > limit) throttle(target, limit / 2);
        return true;
    }

    private void throttle(Service target, long resumeAt) {
        throttled++;
        long deadline = System.nanoTime() + THROTTLE_MAX_NANOS;
        while (target.backlog() > resumeAt && !target.dead && !dead && System.nanoTime() - deadline < 0)
            LockSupport.parkNanos(THROTTLE_PARK_NANOS);
    }

    /** Messages waiting in the mailbox (O(1); may lag by the messages being queued right now). */
    long backlog() {
        return queued.get() - messages;
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
            : new Message(0, session, Ptype.ERROR, String.valueOf(rootCause(failure).getMessage()).getBytes(java.nio.charset.StandardCharsets.UTF_8))));
        return block(session, null);
    }

    private static Throwable rootCause(Throwable t) {
        while ((t instanceof java.util.concurrent.CompletionException || t instanceof java.util.concurrent.ExecutionException)
            && t.getCause() != null) t = t.getCause();
        return t;
    }

    /** Sleeps {@code cs} centiseconds; returns true when woken early by {@link #wakeup}. */
    public boolean sleep(long cs, Object token) {
        int session = newSession();
        armTimer(session, cs);
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
        Execution e = tokens.remove(token);
        if (e == null) return false;
        if (e.blockedSession != 0) sessions.put(e.blockedSession, DROPPED);
        e.token = null;
        unblock(e);
        e.broken = true;
        woken.add(e);
        return true;
    }

    /** Queues {@code job} to run in a new execution after the current one yields or ends. */
    public Execution fork(Object job) {
        Execution e = new Execution(this, null, job);
        forks.add(e);
        return e;
    }

    /** Runs {@code job} in a new execution after {@code cs} centiseconds. */
    public Execution timeout(long cs, Object job) {
        int session = newSession();
        Execution e = new Execution(this, null, job);
        sessions.put(session, e);
        armTimer(session, cs);
        return e;
    }

    private void armTimer(int session, long cs) {
        if (cs <= 0) {
            deliver(new Message(0, session, Ptype.RESPONSE, null));
            return;
        }
        // compute() holds the entry while scheduling, so a timer firing at once removes it only after it is recorded
        timers.compute(session, (k, none) -> node.timers.schedule(cs, () -> {
            timers.remove(session);
            deliver(new Message(0, session, Ptype.RESPONSE, null));
        }));
    }

    /**
     * Replies to the request served by the current execution. Returns false for a request that was
     * a send or whose requester is gone; throws {@link IllegalStateException} when nothing is owed.
     */
    public boolean ret(int type, byte[] data) {
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
        Execution e = current;
        if (e == null || e.request == null || e.replied) throw new IllegalStateException("No session");
        e.replied = true;
        PendingResponse r = new PendingResponse(e.source(), e.session());
        if (r.session != 0) {
            detached.add(r);
            detachedCount = detached.size();
        } else {
            r.done = true;
        }
        return r;
    }

    /** Sends a detached reply: a response of {@code type} (RESPONSE or ERROR). */
    public boolean respond(PendingResponse r, int type, byte[] data) {
        if (r.done) throw new IllegalStateException("Can't response more than once");
        r.done = true;
        detached.remove(r);
        detachedCount = detached.size();
        return node.send(handle, r.source, type, r.session, data);
    }

    /** True while a detached reply can still be delivered. */
    public boolean responseValid(PendingResponse r) {
        return !r.done && node.service(r.source) != null;
    }

    /** Fails every pending call of this service to {@code dest} (skynet.term). */
    public void term(int dest) {
        List<Execution> failed = new ArrayList<>();
        for (Object o : sessions.values())
            if (o instanceof Execution e && e.callee == dest && e.blockedSession != 0) failed.add(e);
        for (Execution e : failed) {
            sessions.put(e.blockedSession, DROPPED);
            unblock(e);
            e.reply = new Message(dest, 0, Ptype.ERROR, null);
            woken.add(e);
        }
    }

    /** Kills a suspended execution or a queued fork; its requester gets an error reply. */
    public boolean killExecution(Execution e) {
        if (forks.remove(e)) return true;
        if (e == current || !(sessions.get(e.blockedSession) == e || tokens.get(e.token) == e)) return false;
        if (e.blockedSession != 0) sessions.put(e.blockedSession, DROPPED);
        unblock(e);
        finish(e, false);
        e.kill();
        return true;
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
        if (baton.compareAndSet(false, true)) cleanup();
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
        for (ScheduledFuture<?> f : timers.values()) f.cancel(false);
        timers.clear();
        List<Execution> victims = new ArrayList<>();
        if (current != null) victims.add(current);
        for (Object o : sessions.values()) if (o instanceof Execution e && e.blockedSession != 0) victims.add(e);
        victims.addAll(tokens.values());
        victims.addAll(woken);
        for (Execution e : victims) finish(e, false);
        for (PendingResponse r : detached) node.send(handle, r.source, Ptype.ERROR, r.session, null);
        detached.clear();
        sessions.clear();
        tokens.clear();
        woken.clear();
        forks.clear();
        for (Execution e : victims) if (e != current) e.kill();
        bounceMailbox();
        try {
            if (body != null) body.exited();
        } catch (RuntimeException ex) {
            LOG.warn("exit hook of {} failed", Address.format(handle), ex);
        }
    }

    private void bounceMailbox() {
        Message m;
        while ((m = mailbox.poll()) != null) bounce(m);
    }

    /** A request to a dead service gets an error reply, so its caller never hangs. */
    private void bounce(Message m) {
        if (m.task instanceof PostedTask<?> p) p.fail();
        else if (!m.isReply() && m.session != 0 && m.type != Ptype.ERROR)
            node.send(handle, m.source, Ptype.ERROR, m.session, null);
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

    /** A task posted to a service; it fails when the service dies before running it. */
    private static final class PostedTask<T> implements Runnable {
        final Service service;
        final Function<Service, T> task;
        final CompletableFuture<T> result = new CompletableFuture<>();

        PostedTask(Service service, Function<Service, T> task) {
            this.service = service;
            this.task = task;
        }

        @Override
        public void run() {
            try {
                result.complete(task.apply(service));
            } catch (RuntimeException | Error e) {
                result.completeExceptionally(e);
                if (e instanceof ServiceExit) throw e;
            }
        }

        void fail() {
            result.completeExceptionally(new InvalidAddress(service.handle));
        }
    }

    void routeTo(Route r) {
        route = r;
    }

    public Route route() {
        return route;
    }

    /** True when nothing is queued and no request is being handled or owed a detached reply. */
    public boolean isDrained() {
        return activeRequests == 0 && detachedCount == 0 && mailbox.isEmpty();
    }

    /** The requests this service still owes a reply to, as ":source/session" (baton holder only). */
    public List<String> owedRequests() {
        List<String> owed = new ArrayList<>();
        for (Execution e : suspended()) if (e.owesReply()) owed.add(Address.format(e.source()) + "/" + e.session());
        for (PendingResponse r : detached) owed.add(Address.format(r.source) + "/" + r.session + " (response closure)");
        return owed;
    }

    /** Stops every timer (sleeps and timeouts), remembering how long each had left (baton holder only). */
    public void pauseTimers() {
        timers.forEach((session, f) -> {
            if (f.cancel(false)) pausedTimers.put(session, Math.max(0, f.getDelay(TimeUnit.MILLISECONDS) / 10));
        });
        timers.keySet().removeAll(pausedTimers.keySet());
    }

    /** Re-arms the timers {@link #pauseTimers} stopped, with the time they had left. */
    public void resumeTimers() {
        pausedTimers.forEach((session, cs) -> armTimer(session, cs));
        pausedTimers.clear();
    }

    /**
     * Drops everything that is not serving a request: paused timers and their callbacks, sleeping or
     * waiting forks, queued forks. Used when a new instance takes over (baton holder only).
     */
    public int dropBackground() {
        int dropped = 0;
        for (var paused : pausedTimers.entrySet()) {
            Object o = sessions.get(paused.getKey());
            if (o instanceof Execution e && e.request != null) { // a request still being served sleeps: it goes on
                armTimer(paused.getKey(), paused.getValue());
                continue;
            }
            sessions.remove(paused.getKey());
            if (o instanceof Execution e && e.blockedSession == 0) dropped++; // a timeout callback never run
        }
        pausedTimers.clear();
        for (Execution e : suspended()) {
            if (e.request != null) continue;
            if (e.blockedSession != 0) sessions.put(e.blockedSession, DROPPED);
            unblock(e);
            e.kill();
            dropped++;
        }
        dropped += forks.size();
        forks.clear();
        return dropped;
    }

    // ---------------------------------------------------------------- introspection

    public int mailboxLength() {
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, backlog()));
    }

    /** How many one-way sends of this service waited for a full mailbox to drain. */
    public long throttledSends() {
        return throttled;
    }

    public long messageCount() {
        return messages;
    }

    /** Requests taken from the mailbox whose execution has not finished yet. */
    public int activeRequests() {
        return activeRequests;
    }

    /** Number of suspended executions (skynet.task()). */
    public int suspendedCount() {
        return blocked;
    }

    /** The executions suspended in call, sleep or wait (skynet.task, killthread by name); baton holder only. */
    public List<Execution> suspended() {
        List<Execution> list = new ArrayList<>();
        for (Object o : sessions.values()) if (o instanceof Execution e && e.blockedSession != 0) list.add(e);
        for (Execution e : tokens.values()) if (e.blockedSession == 0) list.add(e);
        return list;
    }

    public int pendingTimers() {
        return timers.size();
    }

    @Override
    public String toString() {
        return "service " + Address.format(handle);
    }

    /** A reply detached by {@code skynet.response()}. */
    public static final class PendingResponse {
        final int source;
        final int session;
        boolean done;

        PendingResponse(int source, int session) {
            this.source = source;
            this.session = session;
        }

        public int source() {
            return source;
        }
    }
}
