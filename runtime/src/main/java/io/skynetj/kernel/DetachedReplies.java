package io.skynetj.kernel;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The replies a service detached ({@code skynet.response()}) and has not sent yet: they keep an
 * upgrade from calling the service drained, and fail at their callers when the service dies.
 */
final class DetachedReplies {
    private final Set<PendingResponse> open = new HashSet<>(); // baton holder only
    /** Size of {@link #open}, readable from any thread. */
    private volatile int count;

    /** A reply owed to {@code source} for {@code session}; a send (session 0) owes nothing. */
    PendingResponse detach(int source, int session) {
        PendingResponse r = new PendingResponse(source, session);
        if (session == 0) {
            r.done = true;
        } else {
            open.add(r);
            count = open.size();
        }
        return r;
    }

    /** Marks {@code r} sent; throws when it was already. */
    void settle(PendingResponse r) {
        if (r.done) throw new IllegalStateException("Can't response more than once");
        r.done = true;
        open.remove(r);
        count = open.size();
    }

    /** The service is gone: every open reply becomes an error at its caller. */
    void failAll(Service from) {
        for (PendingResponse r : open) from.node.send(from.handle, r.source, Ptype.ERROR, r.session, null);
        open.clear();
        count = 0;
    }

    /** Appends the open replies as ":source/session (response closure)". */
    void describeOwed(List<String> owed) {
        for (PendingResponse r : open) owed.add(Address.format(r.source) + "/" + r.session + " (response closure)");
    }

    int count() {
        return count;
    }
}
