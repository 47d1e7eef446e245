package io.skynetj.cluster;

import io.skynetj.cluster.RequestCodec.Header;
import io.skynetj.cluster.RequestCodec.Part;
import io.skynetj.cluster.RequestCodec.Trace;
import io.skynetj.cluster.RequestCodec.Whole;
import java.util.HashMap;
import java.util.Map;

/**
 * The receiving side of one connection: turns request frames into whole requests, reassembling large
 * ones by session (their parts may be interleaved with other packets). Failures are answered as
 * skynet's clusteragent answers them. Trace tags are accepted and dropped: skynetj has no trace log.
 */
final class RequestAssembler {
    /** What a frame completed: a request to serve, a request to refuse, or nothing yet (null). */
    sealed interface Result {}

    /** A request (push when {@code push}; a small push has session 0). */
    record Request(Destination dest, int session, byte[] payload, boolean push) implements Result {}

    /** A request that cannot be served; answered with an error reply of this session. */
    record Rejected(int session, String error) implements Result {}

    private record Pending(Destination dest, boolean push, Reassembly parts) {}

    /** Large requests in progress by session; they live until the connection closes, as in skynet. */
    private final Map<Integer, Pending> large = new HashMap<>();
    private final LinkLimits limits;

    RequestAssembler(LinkLimits limits) {
        this.limits = limits;
    }

    /** Large requests being reassembled. */
    int reassembling() {
        return large.size();
    }

    /**
     * Handles one frame; {@code serving} is how many requests of the link wait for their reply. A frame
     * that opens a session beyond {@link LinkLimits#maxSessions}, or a message beyond
     * {@link LinkLimits#maxMessage}, throws {@link ProtocolException.Limit}.
     */
    Result frame(byte[] body, int serving) throws ProtocolException {
        RequestCodec.Frame frame = RequestCodec.decode(body);
        switch (frame) {
            case Whole w -> {
                if (w.session() != 0) roomForOneMore(serving);
                return new Request(w.dest(), w.session(), w.payload(), w.session() == 0);
            }
            case Header h -> {
                if (!large.containsKey(h.session())) roomForOneMore(serving);
                large.put(h.session(), new Pending(h.dest(), h.push(), new Reassembly(h.size(), limits.maxMessage())));
                return null;
            }
            case Part p when !p.last() -> {
                Pending req = large.get(p.session());
                if (req == null) {
                    roomForOneMore(serving);
                    req = new Pending(null, false, new Reassembly(-1, limits.maxMessage()));
                    large.put(p.session(), req);
                }
                req.parts().append(p.chunk());
                return null;
            }
            case Part p -> {
                Pending req = large.remove(p.session());
                if (req == null) return new Rejected(p.session(), "Invalid name"); // skynet: a final part alone has no address
                req.parts().append(p.chunk());
                if (!req.parts().complete()) return new Rejected(p.session(), "Invalid large req");
                return new Request(req.dest(), p.session(), req.parts().bytes(), req.push());
            }
            case Trace _ -> {
                return null;
            }
        }
    }

    private void roomForOneMore(int serving) throws ProtocolException {
        if (large.size() + serving >= limits.maxSessions())
            throw new ProtocolException.Limit("more than " + limits.maxSessions() + " requests at once on one link (cluster_max_sessions)");
    }
}
