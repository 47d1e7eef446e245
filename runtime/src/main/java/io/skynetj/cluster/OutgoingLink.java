package io.skynetj.cluster;

import io.skynetj.kernel.DeadlineTimer;
import io.skynetj.lua.Pack;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.function.Consumer;
import org.luaj.vm2.LuaValue;

/**
 * A sender's connection to its remote node. It is opened on demand by the first request and again by
 * any request while it is down (as skynet reconnects), so a node that comes back is reached by the next
 * call. Beyond skynet, a link that was up and dropped also reconnects in the background, with
 * exponential backoff, so it is up again before the next call needs it. The owner binds each request
 * to its connection under the link's monitor (see {@link ClusterSender}), so when a connection fails
 * exactly the calls sent on it are failed.
 */
final class OutgoingLink implements Connection.Events {
    private static final long FIRST_RETRY_MS = 100;
    private static final long MAX_RETRY_MS = 5000;

    /** What the owner hears from the link. */
    interface Owner {
        ReplyAssembler.Sink replies();

        /** A connection failed to open or closed: everything sent on it is lost. */
        void lost(Connection c, String reason);
    }

    private final Owner owner;
    private final LinkAuth auth;
    private final LinkLimits limits;
    /** The node log, for drops and recoveries (each failed call is logged by the sender). */
    private final Consumer<String> log;
    /** The remote's address; null while the node is set to false (down). */
    private HostPort address;
    private Connection current;
    private String lastError;
    private boolean retrying;
    private long retryMs = FIRST_RETRY_MS;
    private ScheduledFuture<?> retry;
    private long closedBytesIn;
    private long closedBytesOut;

    OutgoingLink(HostPort address, LinkAuth auth, LinkLimits limits, Owner owner, Consumer<String> log) {
        this.address = address;
        this.auth = auth;
        this.limits = limits;
        this.owner = owner;
        this.log = log;
    }

    /** The connection to send on, opening one if none is open or opening; null when the node is down. */
    synchronized Connection connection() {
        if (address == null) return null;
        if (current == null) {
            ReplyAssembler replies = new ReplyAssembler(owner.replies(), limits);
            current = Connection.to(address, auth == null ? null : auth::prove, replies::frame, this);
            current.start();
        }
        return current;
    }

    /** Points the link at a new address (null: the node is down); the current connection is closed. */
    synchronized void retarget(HostPort to, String reason) {
        address = to;
        stopRetrying();
        lastError = null;
        Connection c = current;
        current = null;
        if (c != null) c.close(reason);
    }

    /**
     * A push to the name "@", which nobody registers: skynet's agent and ours answer it "Invalid name"
     * (with session 0, which the sender ignores). A reconnection made in the background sends it at once,
     * so the listener sees a peer rather than an idle socket ({@code cluster_handshake_timeout}).
     */
    private static final List<byte[]> PROBE = RequestCodec.encode(Destination.name(new byte[] {'@'}), 0, Pack.pack(LuaValue.NIL), true);

    @Override
    public synchronized void opened(Connection c) {
        if (c != current) return;
        if (retrying) {
            log.accept("reconnected to " + address);
            c.write(PROBE);
        }
        stopRetrying();
        lastError = null;
    }

    @Override
    public void closed(Connection c, String reason, boolean wasOpen) {
        synchronized (this) {
            closedBytesIn += c.bytesIn();
            closedBytesOut += c.bytesOut();
            if (c == current) {
                current = null;
                lastError = reason;
                if (address != null && (wasOpen || retrying)) {
                    if (wasOpen) log.accept(reason + "; reconnecting");
                    scheduleRetry();
                }
            }
        }
        owner.lost(c, reason);
    }

    private void scheduleRetry() {
        retrying = true;
        long delay = retryMs;
        retryMs = Math.min(retryMs * 2, MAX_RETRY_MS);
        retry = DeadlineTimer.after(delay, this::retry);
    }

    private synchronized void retry() {
        if (retrying && current == null) connection();
    }

    private void stopRetrying() {
        retrying = false;
        retryMs = FIRST_RETRY_MS;
        if (retry != null) retry.cancel(false);
        retry = null;
    }

    synchronized String state() {
        if (address == null) return "closed";
        if (current != null) return current.isOpen() ? "up" : "connecting";
        return lastError == null ? "idle" : "down";
    }

    synchronized HostPort address() {
        return address;
    }

    synchronized String lastError() {
        return lastError;
    }

    synchronized long bytesIn() {
        return closedBytesIn + (current == null ? 0 : current.bytesIn());
    }

    synchronized long bytesOut() {
        return closedBytesOut + (current == null ? 0 : current.bytesOut());
    }
}
