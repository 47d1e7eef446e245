package io.skynetj.cluster;

import io.skynetj.kernel.DeadlineTimer;
import io.skynetj.kernel.Execution;
import io.skynetj.kernel.Message;
import io.skynetj.kernel.Node;
import io.skynetj.kernel.Ptype;
import io.skynetj.kernel.Service;
import io.skynetj.kernel.ServiceBody;
import io.skynetj.lua.Pack;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.Varargs;

/**
 * skynet's clustersender: one service per remote node name, owning the outgoing link and the session
 * counter of that node. Local services (through {@code skynet.cluster} or a proxy) send it
 * {@code "req", address, payload} or {@code "push", address, payload} as "lua" messages.
 *
 * <p>A request's reply does not come back through this service's handlers: the link's reader thread
 * sends it straight to the caller, and a failure (connection lost, timeout) is sent by whoever detects
 * it. Beyond skynet, every call ends: a configurable timeout ({@code cluster_timeout}) and a dropped
 * connection fail it with a reason, which {@code skynet.cluster} raises.
 */
final class ClusterSender implements ServiceBody, OutgoingLink.Owner {
    private final Service service;
    private final Node node;
    private final String nodeName;
    private final long timeoutCs;
    final OutgoingLink link;
    private final ConcurrentHashMap<Integer, PendingCall> pending = new ConcurrentHashMap<>();
    private int lastSession; // baton-owned

    /** A request on the wire, and who waits for its reply. */
    private static final class PendingCall {
        final int caller;
        final int callerSession;
        final Destination dest;
        Connection connection; // guarded by the link's monitor
        ScheduledFuture<?> timeout;

        PendingCall(int caller, int callerSession, Destination dest) {
            this.caller = caller;
            this.callerSession = callerSession;
            this.dest = dest;
        }
    }

    ClusterSender(Service service, String nodeName, HostPort address, long timeoutCs, LinkAuth auth, LinkLimits limits) {
        this.service = service;
        this.node = service.node;
        this.nodeName = nodeName;
        this.timeoutCs = timeoutCs;
        this.link = new OutgoingLink(address, auth, limits, this, text -> node.log(service.handle, "cluster node [" + nodeName + "]: " + text));
    }

    int handle() {
        return service.handle;
    }

    LinkState state() {
        HostPort at = link.address();
        return new LinkState("out", nodeName, at == null ? null : at.toString(), link.state(), pending.size(),
            link.bytesIn(), link.bytesOut(), link.lastError());
    }

    @Override
    public boolean run(Execution e) {
        Message m = e.request;
        if (m == null) return true; // start-up
        service.ignoreReply(); // replies are sent by whoever completes the call
        if (m.type != Ptype.LUA) {
            refuse(m, "cluster sender: unexpected message type " + m.type);
            return true;
        }
        String cmd;
        Destination dest;
        byte[] payload;
        try {
            Varargs a = Pack.unpack(m.data);
            cmd = a.arg1().checkjstring();
            dest = Destination.of(a.arg(2));
            LuaString p = a.arg(3).checkstring();
            payload = new byte[p.m_length];
            p.copyInto(0, payload, 0, payload.length);
        } catch (LuaError | IllegalArgumentException ex) {
            refuse(m, "cluster sender [" + nodeName + "]: " + ex.getMessage());
            return true;
        }
        switch (cmd) {
            case "req" -> request(new PendingCall(m.source, m.session, dest), payload);
            case "push" -> push(dest, payload);
            default -> refuse(m, "cluster sender: unknown command " + cmd);
        }
        return true;
    }

    private void refuse(Message m, String why) {
        node.log(service.handle, why);
        if (m.session != 0) node.send(service.handle, m.source, Ptype.ERROR, m.session, utf8(why));
    }

    /** Sessions 1..2^31-1 per remote node, kept across reconnects; wrapping skips sessions still in use. */
    private int nextSession() {
        do {
            lastSession = lastSession == Integer.MAX_VALUE ? 1 : lastSession + 1;
        } while (pending.containsKey(lastSession));
        return lastSession;
    }

    private void request(PendingCall p, byte[] payload) {
        int session = nextSession();
        List<byte[]> frames = RequestCodec.encode(p.dest, session, payload, false);
        if (timeoutCs > 0) {
            p.timeout = DeadlineTimer.after(timeoutCs * 10, () -> {
                if (pending.remove(session, p)) fail(p, "timeout after " + timeoutCs + " cs");
            });
        }
        Connection c;
        synchronized (link) {
            pending.put(session, p); // before the frames leave: the reply may come back at once
            c = link.connection();
            if (c != null) p.connection = c; // if c fails from now on, its close fails p
            else pending.remove(session);
        }
        if (c == null) fail(p, "cluster node [" + nodeName + "] is down (its address is false)");
        else c.write(frames); // outside the monitor: a write may wait for a full socket
    }

    private void push(Destination dest, byte[] payload) {
        // A large push needs a session to be reassembled by; a small one carries 0.
        int session = RequestCodec.isLarge(payload) ? nextSession() : 0;
        List<byte[]> frames = RequestCodec.encode(dest, session, payload, true);
        Connection c = link.connection();
        if (c != null) c.write(frames);
        else node.log(service.handle, "cluster push to [" + nodeName + "] " + dest + " dropped: the node is down");
    }

    /**
     * Fails a call. Its caller raises the reason ({@code skynet.cluster}), which logs it if nobody catches
     * it, so it is logged here only when the caller is gone: a failure is logged once.
     */
    private void fail(PendingCall p, String reason) {
        if (p.timeout != null) p.timeout.cancel(false);
        if (!node.send(service.handle, p.caller, Ptype.ERROR, p.callerSession, utf8(reason)))
            node.log(service.handle, "cluster call to [" + nodeName + "] " + p.dest + " failed: " + reason + " (its caller is gone)");
    }

    /** A whole reply from the reader thread of the connection: answers its caller. */
    private void reply(int session, boolean ok, byte[] data) {
        if (session == 0) return; // the answer to a reconnection's probe (OutgoingLink): nobody waits for it
        PendingCall p = pending.remove(session);
        if (p == null) {
            node.log(service.handle, "socket: unknown session : " + Integer.toUnsignedString(session)
                + (ok ? "" : " (error reply: " + new String(data, StandardCharsets.UTF_8) + ")"));
            return;
        }
        if (ok) {
            if (p.timeout != null) p.timeout.cancel(false);
            node.send(service.handle, p.caller, Ptype.RESPONSE, p.callerSession, data);
        } else {
            fail(p, "remote error: " + new String(data, StandardCharsets.UTF_8));
        }
    }

    @Override
    public ReplyAssembler.Sink replies() {
        return this::reply;
    }

    @Override
    public void lost(Connection c, String reason) {
        List<PendingCall> failed = new ArrayList<>();
        synchronized (link) {
            pending.values().removeIf(p -> p.connection == c && failed.add(p));
        }
        for (PendingCall p : failed) fail(p, reason);
    }

    @Override
    public void exited() {
        link.retarget(null, "cluster sender of [" + nodeName + "] exited");
        List<PendingCall> left = new ArrayList<>(pending.values());
        pending.clear();
        for (PendingCall p : left) fail(p, "cluster sender of [" + nodeName + "] exited");
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
