package io.skynetj.cluster;

import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;

/**
 * The calling side of one connection: turns response frames into whole replies, collecting
 * multi-part replies by session. Runs on the connection's reader thread only.
 */
final class ReplyAssembler {
    interface Sink {
        /** A whole reply: the reply bytes, or (ok false) the error text. */
        void reply(int session, boolean ok, byte[] data);
    }

    private final Sink sink;
    private final LinkLimits limits;
    private final Map<Integer, Reassembly> partial = new HashMap<>();

    ReplyAssembler(Sink sink, LinkLimits limits) {
        this.sink = sink;
        this.limits = limits;
    }

    /** Handles one frame body; a malformed one throws, and the connection is then dropped (as skynet does). */
    void frame(byte[] body) throws ProtocolException {
        ResponseCodec.Frame f = ResponseCodec.decode(body);
        switch (f.type()) {
            case ResponseCodec.OK -> sink.reply(f.session(), true, f.data());
            case ResponseCodec.ERROR -> sink.reply(f.session(), false, f.data());
            case ResponseCodec.MULTI_BEGIN -> {
                if (!partial.containsKey(f.session())) roomForOneMore();
                partial.put(f.session(), new Reassembly(f.size(), limits.maxMessage()));
            }
            case ResponseCodec.MULTI_PART -> parts(f.session()).append(f.data());
            default -> { // MULTI_END
                Reassembly r = parts(f.session());
                partial.remove(f.session());
                r.append(f.data());
                if (r.complete()) sink.reply(f.session(), true, r.bytes());
                else sink.reply(f.session(), false, ("multi-part reply is incomplete: " + r.mismatch()).getBytes(StandardCharsets.UTF_8));
            }
        }
    }

    private Reassembly parts(int session) throws ProtocolException {
        Reassembly r = partial.get(session);
        if (r == null) {
            roomForOneMore();
            r = new Reassembly(-1, limits.maxMessage());
            partial.put(session, r);
        }
        return r;
    }

    private void roomForOneMore() throws ProtocolException {
        if (partial.size() >= limits.maxSessions())
            throw new ProtocolException.Limit("more than " + limits.maxSessions() + " multi-part replies at once on one link (cluster_max_sessions)");
    }
}
