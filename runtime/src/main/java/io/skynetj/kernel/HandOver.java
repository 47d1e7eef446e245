package io.skynetj.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What an upgrade needs from the instance it replaces (see {@code io.skynetj.upgrade}): whether it
 * is drained, what it still owes, and dropping its background work (timers, forks) so only the new
 * instance runs it. Baton holder only.
 */
final class HandOver {
    private HandOver() {}

    /** The requests {@code s} still owes a reply to, as ":source/session". */
    static List<String> owedRequests(Service s) {
        List<String> owed = new ArrayList<>();
        for (Execution e : s.sessions.suspended())
            if (e.owesReply()) owed.add(Address.format(e.source()) + "/" + e.session());
        s.detached.describeOwed(owed);
        return owed;
    }

    /**
     * Drops everything that is not serving a request: paused timers and their callbacks, sleeping
     * or waiting forks, queued forks. Returns how many.
     */
    static int dropBackground(Service s) {
        int dropped = 0;
        for (Map.Entry<Integer, Long> paused : s.timers.takePaused().entrySet()) {
            Object o = s.sessions.get(paused.getKey());
            if (o instanceof Execution e && e.request != null) { // a request still being served sleeps: it goes on
                s.timers.arm(paused.getKey(), paused.getValue());
                continue;
            }
            s.sessions.take(paused.getKey());
            if (o instanceof Execution e && e.blockedSession == 0) dropped++; // a timeout callback never run
        }
        for (Execution e : s.sessions.suspended()) {
            if (e.request != null) continue;
            s.sessions.abandon(e);
            e.kill();
            dropped++;
        }
        return dropped + s.runQueue.dropForks();
    }
}
