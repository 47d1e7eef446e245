package io.skynetj.kernel;

import java.util.ArrayDeque;
import java.util.List;

/**
 * What a service runs next, before its mailbox: suspended executions woken by a wakeup or term (they
 * resume first), then forks (new executions), in the order they were queued. Baton holder only.
 */
final class RunQueue {
    // room for one at first (ArrayDeque's default is 16): most services rarely have more, and every service has these
    private final ArrayDeque<Execution> woken = new ArrayDeque<>(1);
    private final ArrayDeque<Execution> forks = new ArrayDeque<>(1);

    void wake(Execution e) {
        woken.add(e);
    }

    void fork(Execution e) {
        forks.add(e);
    }

    Execution nextWoken() {
        return woken.poll();
    }

    Execution nextFork() {
        return forks.poll();
    }

    /** Removes a woken execution before it resumed; false when {@code e} is not one. */
    boolean unwake(Execution e) {
        return woken.remove(e);
    }

    /** Removes a fork not started yet; false when {@code e} is not one. */
    boolean cancelFork(Execution e) {
        return forks.remove(e);
    }

    /** Drops the forks not started yet; returns how many. */
    int dropForks() {
        int n = forks.size();
        forks.clear();
        return n;
    }

    /** Adds the woken executions, then the forks, in the order they will run. */
    void addQueued(List<Execution> to) {
        to.addAll(woken);
        to.addAll(forks);
    }

    /** Adds the woken executions (for clean-up). */
    void addWoken(List<Execution> to) {
        to.addAll(woken);
    }

    void clear() {
        woken.clear();
        forks.clear();
    }
}
