package io.skynetj.kernel;

import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The end of a service, run once by the baton holder after it was marked dead: timers cancelled,
 * every request it owes a reply to failed at its caller, its executions unwound, its mailbox bounced,
 * its body told. Messages for a dead service are bounced, so no caller ever hangs.
 */
final class Teardown {
    private static final Logger LOG = LoggerFactory.getLogger(Teardown.class);

    private Teardown() {}

    static void run(Service s) {
        assert s.mailbox.batonHeld() : "baton holder only";
        s.timers.cancelAll();
        Execution current = s.current();
        List<Execution> victims = new ArrayList<>();
        if (current != null) victims.add(current);
        s.sessions.addBlocked(victims);
        s.runQueue.addWoken(victims);
        for (Execution e : victims) s.finish(e, false);
        s.detached.failAll(s);
        s.sessions.clear();
        s.runQueue.clear();
        for (Execution e : victims) if (e != current) e.kill();
        bounceMailbox(s, true);
        try {
            if (s.body() != null) s.body().exited();
        } catch (RuntimeException ex) {
            LOG.warn("exit hook of {} failed", Address.format(s.handle), ex);
        }
    }

    /** Bounces what the mailbox of dead {@code s} holds: all of it for the baton holder, else what was put lately. */
    static void bounceMailbox(Service s, boolean batonHolder) {
        Message m = s.mailbox.takeToBounce(batonHolder);
        while (m != null) {
            Message next = m.next;
            m.next = null;
            bounce(s, m);
            m = next;
        }
    }

    /** A request to a dead service gets an error reply, so its caller never hangs. */
    static void bounce(Service s, Message m) {
        if (m.task instanceof PostedTask<?> p) p.fail();
        else if (!m.isReply() && m.session != 0 && m.type != Ptype.ERROR)
            s.node.send(s.handle, m.source, Ptype.ERROR, m.session, null);
    }
}
