package io.skynetj.cluster;

import io.skynetj.cluster.RequestAssembler.Rejected;
import io.skynetj.cluster.RequestAssembler.Request;
import io.skynetj.kernel.Address;
import io.skynetj.kernel.DeadlineTimer;
import io.skynetj.kernel.Execution;
import io.skynetj.kernel.InvalidAddress;
import io.skynetj.kernel.Message;
import io.skynetj.kernel.Node;
import io.skynetj.kernel.Ptype;
import io.skynetj.kernel.Service;
import io.skynetj.kernel.ServiceBody;
import io.skynetj.lua.Pack;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaValue;

/**
 * skynet's clusteragent: one service per accepted connection. The connection's reader posts each frame
 * to this service; a whole request goes to its target as a "lua" message from this service, and the
 * reply (or why it failed) is written back under the request's session. Requests are served
 * concurrently (a call blocks only its own execution); pushes are forwarded in arrival order. When the
 * connection closes the agent is killed: replies still owed are dropped, as in skynet.
 */
final class ClusterAgent implements ServiceBody, Connection.Events {
    private final Service service;
    private final Node node;
    private final ClusterManager manager;
    private final ClusterListener listener;
    private final LinkLimits limits;
    private final RequestAssembler assembler;
    private final AtomicInteger serving = new AtomicInteger();
    private volatile Connection connection; // set before any frame can arrive
    /** True once the peer sent a frame that decodes (or authenticated): only then is the link a peer's (no handshake deadline). */
    private volatile boolean greeted;
    /** The link opens only after the {@code cluster_secret} handshake. */
    private boolean withSecret;
    /** Requests in progress (reassembling or waiting for their reply), for the listener's choice of whom to evict. */
    private volatile int inProgress;
    private volatile long lastFrame = System.nanoTime();

    ClusterAgent(Service service, ClusterManager manager, ClusterListener listener, LinkLimits limits) {
        this.service = service;
        this.node = service.node;
        this.manager = manager;
        this.listener = listener;
        this.limits = limits;
        this.assembler = new RequestAssembler(limits);
    }

    int handle() {
        return service.handle;
    }

    /** Starts serving the socket; the service must be started already (frames are posted to it). */
    void begin(Socket socket, LinkAuth auth) {
        withSecret = auth != null;
        Connection c = Connection.from(socket, auth == null ? null : auth::challenge, this::post, this);
        connection = c;
        c.start();
        DeadlineTimer.after(limits.handshakeTimeoutMillis(), () -> {
            if (!greeted && !service.isDead()) drop(c.label + " closed: no request within " + limits.handshakeTimeoutMillis() / 1000.0 + " s (cluster_handshake_timeout)");
        });
    }

    /** Whether the peer has sent a request yet; links that have not are the first to give way to new ones. */
    boolean greeted() {
        return greeted;
    }

    /** True when nothing is in progress on the link: it may give its slot to a new connection. */
    boolean idle() {
        return inProgress == 0;
    }

    /** When the last frame came (System.nanoTime). */
    long lastFrame() {
        return lastFrame;
    }

    /** Closes the link to give its slot to a new connection. */
    void evict(String why) {
        drop(connection.label + " closed: " + why);
    }

    /** Closes the link for a reason of this node's (a limit, a deadline), and logs why. */
    private void drop(String why) {
        node.log(service.handle, why);
        connection.close(why);
    }

    /** Reader thread: hands a frame to the service, in arrival order. */
    private void post(byte[] body) throws IOException {
        if (!node.send(0, service.handle, Ptype.SOCKET, 0, body)) throw new IOException("cluster agent is gone");
    }

    /** With {@code cluster_secret}, a peer that has authenticated is a peer: no handshake deadline for it. */
    @Override
    public void opened(Connection c) {
        if (withSecret) greeted = true;
    }

    @Override
    public void closed(Connection c, String reason, boolean wasOpen) {
        if (!wasOpen) node.log(service.handle, reason);
        node.kill(service.handle);
    }

    @Override
    public boolean run(Execution e) {
        Message m = e.request;
        if (m == null || m.type != Ptype.SOCKET || m.source != 0) return true; // start-up, or not from the reader
        lastFrame = System.nanoTime();
        RequestAssembler.Result r;
        try {
            r = assembler.frame(m.data, serving.get());
        } catch (ProtocolException.Limit ex) {
            drop(connection.label + " closed: " + ex.getMessage());
            return true;
        } catch (ProtocolException ex) {
            node.log(service.handle, ex.getMessage() + " (" + connection.label + ")");
            return true;
        }
        greeted = true;
        inProgress = serving.get() + assembler.reassembling();
        switch (r) {
            case null -> {}
            case Rejected x -> respond(x.session(), false, utf8(x.error()));
            case Request q -> serve(q);
        }
        return true;
    }

    private void serve(Request q) {
        Destination dest = q.dest();
        if (!dest.isName() && dest.handle() == 0) {
            query(q);
            return;
        }
        int target = resolve(dest);
        if (target == 0) {
            boolean registryName = dest.isName() && dest.text().startsWith("@");
            if (registryName) respond(q.session(), false, utf8("Invalid name")); // pushes too, as skynet does
            else if (q.push()) node.log(service.handle, "cluster push to unknown address " + dest + " dropped");
            else respond(q.session(), false, utf8("call to invalid address " + dest));
            return;
        }
        if (q.push()) {
            if (!node.send(service.handle, target, Ptype.LUA, 0, q.payload()))
                node.log(service.handle, "cluster push to dead service " + Address.format(target) + " dropped");
            return;
        }
        serving.incrementAndGet();
        inProgress = serving.get() + assembler.reassembling();
        try {
            Message reply = service.call(target, Ptype.LUA, q.payload());
            if (reply.type == Ptype.ERROR) respond(q.session(), false, reply.data.length > 0 ? reply.data : utf8("call failed"));
            else respond(q.session(), true, reply.data);
        } catch (InvalidAddress ex) {
            respond(q.session(), false, utf8("call to invalid address " + dest));
        } finally {
            serving.decrementAndGet();
            inProgress = serving.get() + assembler.reassembling();
        }
    }

    /** Address 0: {@code cluster.query}; the payload is pack(name), the reply pack(handle). */
    private void query(Request q) {
        String name;
        try {
            name = Pack.unpack(q.payload()).arg1().checkjstring();
        } catch (LuaError ex) {
            respond(q.session(), false, utf8("Invalid query: " + ex.getMessage()));
            return;
        }
        int handle = manager.registered(name);
        if (handle == 0) respond(q.session(), false, utf8("name not found"));
        else respond(q.session(), true, Pack.pack(LuaValue.valueOf(handle)));
    }

    /**
     * {@code "@name"} from the cluster registry; a digit-only string is a handle; anything else by
     * skynet's name rules ({@code ".local"}, {@code ":0000000a"}, global names). 0 when unknown.
     */
    private int resolve(Destination dest) {
        if (!dest.isName()) return dest.handle();
        String s = dest.text();
        if (s.startsWith("@")) return manager.registered(s.substring(1));
        if (s.startsWith(":")) return Address.parseColonHex(s);
        if (s.chars().allMatch(Character::isDigit)) {
            try {
                return (int) Long.parseLong(s);
            } catch (NumberFormatException tooLong) {
                return 0;
            }
        }
        return node.lookup(s);
    }

    private void respond(int session, boolean ok, byte[] data) {
        connection.write(ResponseCodec.encode(session, ok, data));
    }

    @Override
    public void exited() {
        Connection c = connection;
        if (c != null) c.close("cluster agent exited");
        manager.agentGone(this);
        listener.release(this);
    }

    LinkState state() {
        Connection c = connection;
        return new LinkState("in", null, c == null ? null : c.peer, c != null && c.isOpen() ? "up" : "closed",
            serving.get(), c == null ? 0 : c.bytesIn(), c == null ? 0 : c.bytesOut(), null);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
