package io.skynetj.kernel;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;

/**
 * Who in a service waits for what: session → the execution blocked on its reply or timer (or the
 * timeout callback to run when its timer expires), and token → the execution sleeping or waiting on
 * it for a wakeup (skynet's session and wakeup tables). Baton holder only, but for {@link #blocked}.
 */
final class Sessions {
    /** Marks a session whose late reply must be dropped silently (woken sleeps, abandoned calls). */
    private static final Object DROPPED = new Object();
    // not Comparator.comparingInt: its lambda (a class of java.util) is not in the start-up cache, and
    // spinning it at start loads the JDK's class-file API
    private static final Comparator<Execution> BY_SESSION = (a, b) -> Integer.compare(a.blockedSession, b.blockedSession);

    private final SessionTable bySession = new SessionTable();
    private final HashMap<Object, Execution> byToken = new HashMap<>();
    private int last;
    private volatile int blocked;

    /** A session number not in use (skynet's counter, which wraps to 1). */
    int next() {
        for (;;) {
            last = last == Integer.MAX_VALUE ? 1 : last + 1;
            if (!bySession.containsKey(last)) return last;
        }
    }

    /** {@code callback} runs when the expiry of {@code session} comes in (skynet.timeout). */
    void expectTimeout(int session, Execution callback) {
        bySession.put(session, callback);
    }

    /** Records {@code e} as blocked on {@code session} (0: none) and {@code token} (null: none). */
    void block(Execution e, int session, Object token) {
        e.blockedSession = session;
        e.token = token;
        e.reply = null;
        e.broken = false;
        if (session != 0) bySession.put(session, e);
        if (token != null) {
            Execution old = byToken.put(token, e);
            if (old != null && old != e) throw new IllegalStateException("token already in use by another coroutine");
        }
        blocked++;
    }

    /** {@code e} no longer waits: its reply came, or it was woken. */
    void unblock(Execution e) {
        if (e.token != null) byToken.remove(e.token);
        e.token = null;
        e.blockedSession = 0;
        e.callee = 0;
        blocked--;
    }

    /** {@code e} stops waiting before its reply or timer came: that will be dropped when it does. */
    void abandon(Execution e) {
        if (e.blockedSession != 0) bySession.put(e.blockedSession, DROPPED);
        unblock(e);
    }

    /**
     * The waiter of a reply or timer expiry that came in, no longer recorded: an Execution, null when
     * nobody waits, or another object when the session was abandoned.
     */
    Object take(int session) {
        return bySession.remove(session);
    }

    Object get(int session) {
        return bySession.get(session);
    }

    /** The execution waiting on {@code token}, no longer recorded there, or null. */
    Execution takeToken(Object token) {
        return byToken.remove(token);
    }

    /** True while {@code e} is suspended on a session or token of this service. */
    boolean isWaiting(Execution e) {
        return bySession.get(e.blockedSession) == e || byToken.get(e.token) == e;
    }

    /** The executions suspended in call, sleep or wait. */
    List<Execution> suspended() {
        List<Execution> list = new ArrayList<>();
        addBlockedOnSessions(list);
        for (Execution e : byToken.values()) if (e.blockedSession == 0) list.add(e);
        return list;
    }

    /** The executions suspended in a call to {@code dest}. */
    List<Execution> callersOf(int dest) {
        List<Execution> list = new ArrayList<>();
        addBlockedOnSessions(list);
        list.removeIf(e -> e.callee != dest);
        return list;
    }

    /** Adds the skynet.timeout callbacks whose timer has not expired (an execution on a session it is not blocked on). */
    void addTimeoutCallbacks(List<Execution> to) {
        for (int i = 0; i < bySession.capacity(); i++)
            if (bySession.valueAt(i) instanceof Execution e && e.blockedSession == 0) to.add(e);
    }

    /** Every execution blocked on a session or a token, some maybe twice (for clean-up). */
    void addBlocked(List<Execution> to) {
        addBlockedOnSessions(to);
        to.addAll(byToken.values());
    }

    /** Adds the executions blocked on a session, in session order (as a HashMap of small sessions listed them). */
    private void addBlockedOnSessions(List<Execution> to) {
        int from = to.size();
        for (int i = 0; i < bySession.capacity(); i++)
            if (bySession.valueAt(i) instanceof Execution e && e.blockedSession != 0) to.add(e);
        to.subList(from, to.size()).sort(BY_SESSION);
    }

    void clear() {
        bySession.clear();
        byToken.clear();
    }

    /** Number of suspended executions; readable from any thread. */
    int blocked() {
        return blocked;
    }
}
