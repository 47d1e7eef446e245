package io.skynetj.socket;

import io.skynetj.kernel.Node;
import io.skynetj.kernel.Ptype;
import java.io.IOException;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardProtocolFamily;
import java.net.StandardSocketOptions;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.DatagramChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's sockets: skynet's socket server on JDK NIO. One selector thread owns every channel and
 * every socket's state; services ask for things through a command queue (skynet's control pipe), so
 * commands and I/O events of a socket happen in one order, and the events go to the socket's owner
 * as PTYPE_SOCKET messages (see {@link SocketMessage}) in that order. The thread starts on first use.
 */
public final class SocketServer {
    private static final Logger LOG = LoggerFactory.getLogger(SocketServer.class);
    /** skynet's WARNING_SIZE: a send buffer this big (then twice, four times...) warns its owner. */
    static final long WARNING_SIZE = 1024 * 1024;
    private static final int READ_BUFFER = 64 * 1024;
    private static final int ACCEPTS_PER_ROUND = 64;
    private static final int DATAGRAMS_PER_ROUND = 64;
    /** Config key socket_connect_timeout (centiseconds, 0: the OS's own) default. */
    static final long DEFAULT_CONNECT_TIMEOUT_CS = 3000;

    private final Node node;
    private final long connectTimeoutNanos;
    private final ConcurrentHashMap<Integer, NetSocket> sockets = new ConcurrentHashMap<>();
    private final AtomicInteger lastId = new AtomicInteger();
    private final ConcurrentLinkedQueue<Runnable> commands = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean wakeupPending = new AtomicBoolean();
    private final ByteBuffer readBuffer = ByteBuffer.allocateDirect(READ_BUFFER);
    /**
     * The keys a select found ready, handled after the commands that came in meanwhile (selector
     * thread only). Not the selector's selected-key set: that HashSet costs a node, an iterator and a
     * clear over its whole table every round, and its table, once grown by a burst (1,000 connections
     * closing at once), never shrinks back.
     */
    private final List<SelectionKey> readyKeys = new ArrayList<>();
    private final Consumer<SelectionKey> collectReady = readyKeys::add;
    /** Sockets whose connect is in progress (selector thread only). */
    private final List<NetSocket> connecting = new ArrayList<>();
    private volatile Selector selector;
    private volatile boolean stopped;

    SocketServer(Node node) {
        this.node = node;
        String cs = node.getenv("socket_connect_timeout");
        long timeout;
        try {
            timeout = cs == null || cs.isBlank() ? DEFAULT_CONNECT_TIMEOUT_CS : Long.parseLong(cs.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("socket_connect_timeout must be centiseconds, not '" + cs + "'");
        }
        this.connectTimeoutNanos = Math.max(0, timeout) * 10_000_000L;
    }

    // ---------------------------------------------------------------- requests (any thread)

    /** Binds a listening socket now (errors are thrown here); its owner gets CONNECT (ud = port) once it is ready. */
    public int listen(int owner, String host, int port, int backlog) throws IOException {
        ensureRunning();
        ServerSocketChannel ch = ServerSocketChannel.open();
        InetSocketAddress local;
        try {
            ch.setOption(StandardSocketOptions.SO_REUSEADDR, true);
            ch.bind(bindAddress(host, port), backlog);
            ch.configureBlocking(false);
            local = (InetSocketAddress) ch.getLocalAddress();
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        NetSocket s = reserve(owner, false, NetSocket.State.OPENING);
        s.channel = ch;
        s.address = IpText.withPort(local);
        post(() -> {
            if (!alive(s) || !register(s)) return;
            emit(s, SocketMessage.text(SocketMessage.CONNECT, s.id, local.getPort(), IpText.of(local.getAddress())));
        });
        return s.id;
    }

    /** Starts a connect and returns the socket id at once; the owner gets CONNECT or ERROR later. */
    public int connect(int owner, String host, int port) throws IOException {
        ensureRunning();
        NetSocket s = reserve(owner, false, NetSocket.State.CONNECTING);
        s.address = host + ":" + port;
        // name resolution may block: it runs on its own virtual thread, never on the selector's
        Thread.ofVirtual().name("skynetj-resolve-" + s.id).start(() -> {
            try {
                InetAddress[] addresses = InetAddress.getAllByName(host);
                post(() -> open(s, addresses, port));
            } catch (UnknownHostException e) {
                post(() -> fail(s, "unknown host " + host));
            }
        });
        return s.id;
    }

    /** skynet's start: the caller becomes the owner and the socket reads (accepted and listen sockets begin). */
    public void start(int caller, int id) {
        post(() -> resume(caller, id));
    }

    public void pause(int id) {
        post(() -> {
            NetSocket s = sockets.get(id);
            if (s == null) return;
            s.reading = false;
            updateInterest(s);
        });
    }

    /**
     * skynet's close (shutdown false): closes once the send buffer is out, reading no more; or
     * skynet's shutdown (true): closes now, dropping what is unsent. The owner gets CLOSE once.
     */
    public void close(int id, boolean shutdown) {
        post(() -> closeSocket(id, shutdown));
    }

    public void nodelay(int id) {
        post(() -> {
            NetSocket s = sockets.get(id);
            if (s == null || !(s.channel instanceof SocketChannel ch)) return;
            try {
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
            } catch (IOException e) {
                LOG.debug("nodelay on socket {}: {}", id, e.toString());
            }
        });
    }

    /**
     * Sends bytes (skynet's send; {@code lowPriority}: lsend). Returns false when the socket does not
     * exist or can no longer send. As skynet's direct write: when nothing is buffered or on its way
     * to the buffer, the caller writes to the channel itself (non-blocking), which saves waking the
     * selector thread for every reply; what the channel does not take then is queued as usual.
     */
    public boolean send(int id, byte[] data, boolean lowPriority) {
        NetSocket s = sockets.get(id);
        if (s == null || s.closing || s.state == NetSocket.State.HALFCLOSE_WRITE) return false;
        byte[] rest = data;
        synchronized (s.sendLock) {
            if (s.directWrite && s.postedWrites == 0) {
                int n = writeNow(s, data);
                if (n == data.length) return true;
                if (n > 0) rest = Arrays.copyOfRange(data, n, data.length);
            }
            s.postedWrites++;
        }
        byte[] queued = rest;
        post(() -> write(s, queued, lowPriority));
        return true;
    }

    /** A direct write from the caller's thread: the bytes the channel took (0 when it failed: the queued write reports it). */
    private int writeNow(NetSocket s, byte[] data) {
        try {
            int n = ((SocketChannel) s.channel).write(ByteBuffer.wrap(data));
            if (n > 0) {
                s.bytesOut += n;
                s.writeTime = node.now();
            }
            return n;
        } catch (IOException e) {
            return 0;
        }
    }

    /** A UDP socket, bound to host:port when host is given; its owner gets UDP messages. */
    public int udp(int owner, String host, int port) throws IOException {
        ensureRunning();
        InetSocketAddress bind = host == null ? null : bindAddress(host, port);
        boolean v6 = bind != null && bind.getAddress() instanceof Inet6Address;
        return openUdp(owner, bind, v6, null);
    }

    /** A UDP socket whose sends go to host:port (skynet's udp_dial). */
    public int udpDial(int owner, String host, int port) throws IOException {
        ensureRunning();
        InetSocketAddress peer = new InetSocketAddress(InetAddress.getByName(host), port);
        return openUdp(owner, null, peer.getAddress() instanceof Inet6Address, peer);
    }

    private int openUdp(int owner, InetSocketAddress bind, boolean v6, InetSocketAddress peer) throws IOException {
        DatagramChannel ch = DatagramChannel.open(v6 ? StandardProtocolFamily.INET6 : StandardProtocolFamily.INET);
        try {
            ch.bind(bind);
            ch.configureBlocking(false);
        } catch (IOException | RuntimeException e) {
            ch.close();
            throw e;
        }
        NetSocket s = reserve(owner, true, NetSocket.State.CONNECTED);
        s.channel = ch;
        s.udpV6 = v6;
        s.udpPeer = peer;
        s.reading = true;
        s.address = IpText.withPort(peer != null ? peer : (InetSocketAddress) ch.getLocalAddress());
        post(() -> {
            if (alive(s)) register(s);
        });
        return s.id;
    }

    /** Sets where a UDP socket's plain sends go; throws when the id is not a UDP socket or the host is unknown. */
    public void udpConnect(int id, String host, int port) throws IOException {
        NetSocket s = sockets.get(id);
        if (s == null || !s.udp) throw new IOException("not a udp socket: " + id);
        InetSocketAddress peer = new InetSocketAddress(InetAddress.getByName(host), port);
        post(() -> {
            if (!alive(s)) return;
            if ((peer.getAddress() instanceof Inet6Address) != s.udpV6) {
                emit(s, SocketMessage.text(SocketMessage.ERROR, id, 0, "protocol mismatch"));
                return;
            }
            s.udpPeer = peer;
            s.address = IpText.withPort(peer);
        });
    }

    /** Sends a datagram to a binary UDP address (see {@link UdpAddress}); false for a bad id or address. */
    public boolean udpSend(int id, byte[] address, byte[] data) {
        NetSocket s = sockets.get(id);
        InetSocketAddress to = UdpAddress.decode(address);
        if (s == null || !s.udp || to == null) return false;
        post(() -> sendDatagram(s, data, to));
        return true;
    }

    /** Every socket, by id. */
    public List<SocketInfo> info() {
        List<SocketInfo> list = new ArrayList<>();
        for (NetSocket s : sockets.values()) list.add(s.info());
        list.sort(Comparator.comparingInt(SocketInfo::id));
        return list;
    }

    /** How many sockets each service owns. */
    public Map<Integer, Integer> countsByOwner() {
        Map<Integer, Integer> counts = new HashMap<>();
        for (NetSocket s : sockets.values()) counts.merge(s.owner, 1, Integer::sum);
        return counts;
    }

    /** A service left: everything it owned is closed, without messages. */
    void ownerExited(int handle) {
        if (sockets.isEmpty()) return;
        post(() -> {
            for (NetSocket s : new ArrayList<>(sockets.values())) if (s.owner == handle) forceClose(s);
        });
    }

    /** The node ended: every socket is closed and the thread stops. */
    void stop() {
        Selector sel;
        synchronized (this) {
            stopped = true;
            sel = selector;
        }
        if (sel != null) sel.wakeup();
    }

    // ---------------------------------------------------------------- the selector thread

    private synchronized void ensureRunning() throws IOException {
        if (stopped) throw new IOException("the node is shutting down");
        if (selector != null) return;
        selector = Selector.open();
        Thread.ofPlatform().daemon().name("skynetj-socket").start(this::loop);
        Thread.ofVirtual().name("skynetj-socket-stop").start(() -> {
            try {
                node.awaitTermination();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            stop();
        });
    }

    private void post(Runnable command) {
        commands.add(command);
        Selector sel = selector;
        if (sel == null) {
            try {
                ensureRunning();
            } catch (IOException e) {
                return; // the node is ending: nothing to do
            }
            sel = selector;
        }
        if (sel != null && wakeupPending.compareAndSet(false, true)) sel.wakeup();
    }

    private void loop() {
        try {
            while (!stopped) {
                selector.select(collectReady, nextDeadlineMillis());
                wakeupPending.set(false);
                Runnable c;
                while ((c = commands.poll()) != null) guarded(c);
                for (int i = 0; i < readyKeys.size(); i++) {
                    SelectionKey k = readyKeys.get(i);
                    NetSocket s = (NetSocket) k.attachment();
                    if (k.isValid() && alive(s)) readyGuarded(s, k);
                }
                readyKeys.clear();
                expireConnects();
            }
        } catch (IOException | RuntimeException e) {
            LOG.error("socket server stopped", e);
        } finally {
            for (NetSocket s : new ArrayList<>(sockets.values())) forceClose(s);
            commands.clear();
            try {
                selector.close();
            } catch (IOException e) {
                LOG.debug("closing the selector: {}", e.toString());
            }
        }
    }

    private static void guarded(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.error("socket server", e);
        }
    }

    private void readyGuarded(NetSocket s, SelectionKey k) {
        try {
            ready(s, k);
        } catch (RuntimeException e) {
            LOG.error("socket server", e);
        }
    }

    private long nextDeadlineMillis() {
        if (connecting.isEmpty()) return 0;
        long now = System.nanoTime();
        long next = Long.MAX_VALUE;
        for (NetSocket s : connecting) next = Math.min(next, s.connectDeadline - now);
        return Math.max(1, next / 1_000_000 + 1);
    }

    private void expireConnects() {
        if (connecting.isEmpty()) return;
        long now = System.nanoTime();
        for (NetSocket s : new ArrayList<>(connecting))
            if (now - s.connectDeadline >= 0) fail(s, "connect timeout");
    }

    private void ready(NetSocket s, SelectionKey k) {
        int ops = k.readyOps();
        if (s.state == NetSocket.State.CONNECTING) {
            if ((ops & SelectionKey.OP_CONNECT) != 0) finishConnect(s);
            return;
        }
        if (s.state == NetSocket.State.LISTEN) {
            if ((ops & SelectionKey.OP_ACCEPT) != 0) accept(s);
            return;
        }
        if ((ops & SelectionKey.OP_WRITE) != 0) {
            if (s.udp) flushDatagrams(s);
            else flush(s);
        }
        // s.reading: a pause run just before may have come after this key was selected
        if ((ops & SelectionKey.OP_READ) != 0 && s.reading && alive(s)) {
            if (s.udp) readDatagrams(s);
            else read(s);
        }
    }

    // ---------------------------------------------------------------- socket life (selector thread)

    private NetSocket reserve(int owner, boolean udp, NetSocket.State state) {
        for (;;) {
            int id = lastId.updateAndGet(v -> v == Integer.MAX_VALUE ? 1 : v + 1);
            NetSocket s = new NetSocket(id, owner, udp, state);
            if (sockets.putIfAbsent(id, s) == null) return s;
        }
    }

    private boolean alive(NetSocket s) {
        return sockets.get(s.id) == s;
    }

    private boolean register(NetSocket s) {
        try {
            s.key = s.channel.register(selector, 0, s);
        } catch (IOException e) {
            int owner = s.owner;
            forceClose(s);
            emitTo(owner, SocketMessage.text(SocketMessage.ERROR, s.id, 0, message(e)));
            return false;
        }
        updateInterest(s);
        return true;
    }

    private void updateInterest(NetSocket s) {
        s.directWrite = !s.udp && !s.closing && s.sendBufferEmpty() && alive(s)
            && (s.state == NetSocket.State.CONNECTED || s.state == NetSocket.State.HALFCLOSE_READ);
        if (s.key == null || !s.key.isValid()) return;
        int ops = switch (s.state) {
            case CONNECTING -> SelectionKey.OP_CONNECT;
            case LISTEN -> SelectionKey.OP_ACCEPT;
            case OPENING, ACCEPTED -> 0;
            case CONNECTED, HALFCLOSE_READ, HALFCLOSE_WRITE -> {
                int o = 0;
                if (s.reading && s.state != NetSocket.State.HALFCLOSE_READ) o |= SelectionKey.OP_READ;
                if (!s.sendBufferEmpty() && s.state != NetSocket.State.HALFCLOSE_WRITE) o |= SelectionKey.OP_WRITE;
                yield o;
            }
        };
        s.key.interestOps(ops);
    }

    private void open(NetSocket s, InetAddress[] addresses, int port) {
        if (!alive(s)) return;
        IOException last = null;
        for (InetAddress a : addresses) {
            SocketChannel ch = null;
            try {
                ch = SocketChannel.open();
                ch.configureBlocking(false);
                ch.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
                boolean done = ch.connect(new InetSocketAddress(a, port));
                s.channel = ch;
                s.reading = true;
                if (!register(s)) return;
                if (done) {
                    connected(s);
                } else {
                    s.connectDeadline = System.nanoTime() + (connectTimeoutNanos > 0 ? connectTimeoutNanos : Long.MAX_VALUE / 4);
                    connecting.add(s);
                }
                return;
            } catch (IOException e) {
                last = e;
                closeQuietly(ch);
            }
        }
        fail(s, last == null ? "no address for " + s.address : message(last));
    }

    private void finishConnect(NetSocket s) {
        try {
            if (!((SocketChannel) s.channel).finishConnect()) return;
        } catch (IOException e) {
            fail(s, message(e));
            return;
        }
        connecting.remove(s);
        connected(s);
    }

    private void connected(NetSocket s) {
        s.state = NetSocket.State.CONNECTED;
        InetSocketAddress peer = remote(s);
        if (peer != null) s.address = IpText.withPort(peer);
        updateInterest(s);
        emit(s, SocketMessage.text(SocketMessage.CONNECT, s.id, 0, peer == null ? null : IpText.of(peer.getAddress())));
        if (!s.sendBufferEmpty()) flush(s); // data sent while connecting
    }

    private void fail(NetSocket s, String error) {
        if (!alive(s)) return;
        int owner = s.owner;
        forceClose(s);
        emitTo(owner, SocketMessage.text(SocketMessage.ERROR, s.id, 0, error));
    }

    private void accept(NetSocket listener) {
        ServerSocketChannel server = (ServerSocketChannel) listener.channel;
        for (int i = 0; i < ACCEPTS_PER_ROUND; i++) {
            SocketChannel ch;
            try {
                ch = server.accept();
            } catch (IOException e) {
                // e.g. out of file descriptors: the listener stays, its owner hears about it
                emit(listener, SocketMessage.text(SocketMessage.ERROR, listener.id, 0, message(e)));
                return;
            }
            if (ch == null) return;
            NetSocket s = reserve(listener.owner, false, NetSocket.State.ACCEPTED);
            s.channel = ch;
            try {
                ch.configureBlocking(false);
                ch.setOption(StandardSocketOptions.SO_KEEPALIVE, true);
            } catch (IOException e) {
                forceClose(s);
                continue;
            }
            InetSocketAddress peer = remote(s);
            s.address = IpText.withPort(peer);
            if (!register(s)) continue;
            listener.accepted++;
            listener.readTime = node.now();
            emit(listener, SocketMessage.text(SocketMessage.ACCEPT, listener.id, s.id, s.address));
        }
    }

    private void resume(int caller, int id) {
        NetSocket s = sockets.get(id);
        if (s == null) {
            emitTo(caller, SocketMessage.text(SocketMessage.ERROR, id, 0, "invalid socket"));
            return;
        }
        if (s.state == NetSocket.State.HALFCLOSE_READ) {
            emitTo(caller, SocketMessage.text(SocketMessage.ERROR, id, 0, "socket closed"));
            return;
        }
        s.reading = true;
        String what = null;
        switch (s.state) {
            case ACCEPTED -> {
                s.state = NetSocket.State.CONNECTED;
                what = "start";
            }
            case OPENING -> {
                s.state = NetSocket.State.LISTEN;
                what = "start";
            }
            case CONNECTED -> what = "transfer";
            default -> {}
        }
        if (what != null) s.owner = caller;
        updateInterest(s);
        if (what != null) emit(s, SocketMessage.text(SocketMessage.CONNECT, id, 0, what));
    }

    private void closeSocket(int id, boolean shutdown) {
        NetSocket s = sockets.get(id);
        if (s == null) return;
        boolean readShut = s.state == NetSocket.State.HALFCLOSE_READ;
        // a socket still connecting has nothing to drain into: what was queued for it is dropped
        if (shutdown || s.nothingToSend() || s.state == NetSocket.State.CONNECTING) {
            int owner = s.owner;
            forceClose(s);
            if (!readShut) emitTo(owner, SocketMessage.encode(SocketMessage.CLOSE, id, 0, null, 0));
            return;
        }
        s.closing = true;
        if (!readShut) {
            closeRead(s);
            emit(s, SocketMessage.encode(SocketMessage.CLOSE, id, 0, null, 0));
        }
    }

    private void closeRead(NetSocket s) {
        s.state = NetSocket.State.HALFCLOSE_READ;
        s.reading = false;
        try {
            if (s.channel instanceof SocketChannel ch) ch.shutdownInput();
        } catch (IOException e) {
            LOG.debug("shutdown input of socket {}: {}", s.id, e.toString());
        }
        updateInterest(s);
    }

    /** Closes at once and frees the id; no message. */
    private void forceClose(NetSocket s) {
        s.directWrite = false;
        sockets.remove(s.id, s);
        connecting.remove(s);
        if (s.key != null) s.key.cancel();
        closeQuietly(s.channel);
        s.high.clear();
        s.low.clear();
        s.datagrams.clear();
        s.buffered = 0;
    }

    // ---------------------------------------------------------------- reading and writing (selector thread)

    private void read(NetSocket s) {
        readBuffer.clear();
        int n;
        try {
            n = ((SocketChannel) s.channel).read(readBuffer);
        } catch (IOException e) {
            fail(s, message(e));
            return;
        }
        if (n == 0) return;
        if (n < 0) {
            peerClosed(s);
            return;
        }
        if (s.state == NetSocket.State.HALFCLOSE_READ) return;
        s.bytesIn += n;
        s.readTime = node.now();
        byte[] m = new byte[SocketMessage.HEADER + n];
        readBuffer.flip();
        readBuffer.get(m, SocketMessage.HEADER, n);
        emit(s, SocketMessage.header(m, SocketMessage.DATA, s.id, n));
    }

    /** The peer closed its side (read returned end of stream). */
    private void peerClosed(NetSocket s) {
        if (s.closing) {
            if (s.nothingToSend()) forceClose(s);
            return;
        }
        if (s.state == NetSocket.State.HALFCLOSE_READ) return;
        int owner = s.owner;
        if (s.state == NetSocket.State.HALFCLOSE_WRITE) forceClose(s);
        else closeRead(s);
        emitTo(owner, SocketMessage.encode(SocketMessage.CLOSE, s.id, 0, null, 0));
    }

    private void write(NetSocket s, byte[] data, boolean lowPriority) {
        synchronized (s.sendLock) {
            s.postedWrites--;
            s.directWrite = false; // until this is out (updateInterest)
        }
        if (!alive(s) || s.closing) return;
        switch (s.state) {
            case HALFCLOSE_WRITE, ACCEPTED, OPENING -> {
                return;
            }
            case LISTEN -> {
                node.log(0, "socket-server error: write to listen fd " + s.id + ".");
                return;
            }
            default -> {}
        }
        if (s.udp) {
            sendDatagram(s, data, s.udpPeer);
            return;
        }
        ByteBuffer b = ByteBuffer.wrap(data);
        (lowPriority && !s.sendBufferEmpty() ? s.low : s.high).add(b);
        s.buffered += data.length;
        if (s.state != NetSocket.State.CONNECTING) flush(s);
        if (alive(s) && s.buffered >= WARNING_SIZE && s.buffered >= s.warnSize) {
            s.warnSize = s.warnSize == 0 ? WARNING_SIZE * 2 : s.warnSize * 2;
            emit(s, SocketMessage.encode(SocketMessage.WARNING, s.id, (int) ((s.buffered + 1023) / 1024), null, 0));
        }
    }

    /** Writes what the socket can take now: the high list first, then the low one. */
    private void flush(NetSocket s) {
        SocketChannel ch = (SocketChannel) s.channel;
        try {
            while (!s.high.isEmpty() || !s.low.isEmpty()) {
                ArrayDeque<ByteBuffer> list = s.high.isEmpty() ? s.low : s.high;
                ByteBuffer b = list.peek();
                int n = ch.write(b);
                if (n > 0) {
                    s.bytesOut += n;
                    s.buffered -= n;
                    s.writeTime = node.now();
                }
                if (b.hasRemaining()) {
                    // a half-sent low-priority buffer must finish before anything else goes out
                    if (list == s.low) s.high.add(s.low.poll());
                    break;
                }
                list.poll();
            }
        } catch (IOException e) {
            writeFailed(s, e);
            return;
        }
        if (s.sendBufferEmpty()) {
            if (s.closing) {
                forceClose(s);
                return;
            }
            if (s.warnSize > 0) {
                s.warnSize = 0;
                emit(s, SocketMessage.encode(SocketMessage.WARNING, s.id, 0, null, 0));
            }
        }
        updateInterest(s);
    }

    /** skynet's close_write: writing is over; the owner hears of it unless it is closing anyway. */
    private void writeFailed(NetSocket s, IOException e) {
        if (s.closing || s.state == NetSocket.State.HALFCLOSE_READ) {
            forceClose(s);
            return;
        }
        if (s.state == NetSocket.State.HALFCLOSE_WRITE) return;
        s.state = NetSocket.State.HALFCLOSE_WRITE;
        s.high.clear();
        s.low.clear();
        s.buffered = 0;
        try {
            ((SocketChannel) s.channel).shutdownOutput();
        } catch (IOException ignored) {
            // the connection is already broken
        }
        updateInterest(s);
        emit(s, SocketMessage.text(SocketMessage.ERROR, s.id, 0, message(e)));
    }

    private void readDatagrams(NetSocket s) {
        DatagramChannel ch = (DatagramChannel) s.channel;
        for (int i = 0; i < DATAGRAMS_PER_ROUND; i++) {
            readBuffer.clear();
            InetSocketAddress from;
            try {
                from = (InetSocketAddress) ch.receive(readBuffer);
            } catch (IOException e) {
                fail(s, message(e));
                return;
            }
            if (from == null) return;
            readBuffer.flip();
            int n = readBuffer.remaining();
            byte[] address = UdpAddress.encode(from);
            byte[] m = new byte[SocketMessage.HEADER + n + address.length];
            readBuffer.get(m, SocketMessage.HEADER, n);
            System.arraycopy(address, 0, m, SocketMessage.HEADER + n, address.length);
            s.bytesIn += n;
            s.readTime = node.now();
            emit(s, SocketMessage.header(m, SocketMessage.UDP, s.id, n));
        }
    }

    private void sendDatagram(NetSocket s, byte[] data, InetSocketAddress to) {
        if (!alive(s)) return;
        if (to == null) {
            node.log(0, "socket-server: udp socket (" + s.id + ") has no address to send to.");
            return;
        }
        s.datagrams.add(new NetSocket.Datagram(ByteBuffer.wrap(data), to));
        s.buffered += data.length;
        flushDatagrams(s);
    }

    private void flushDatagrams(NetSocket s) {
        DatagramChannel ch = (DatagramChannel) s.channel;
        while (!s.datagrams.isEmpty()) {
            NetSocket.Datagram d = s.datagrams.peek();
            int size = d.data().remaining();
            try {
                if (ch.send(d.data(), d.to()) == 0) break;
                s.bytesOut += size;
                s.writeTime = node.now();
            } catch (IOException e) {
                node.log(0, "socket-server: udp (" + s.id + ") sendto error " + message(e) + ".");
            }
            s.datagrams.poll();
            s.buffered -= size;
        }
        updateInterest(s);
    }

    // ---------------------------------------------------------------- helpers

    private void emit(NetSocket s, byte[] message) {
        emitTo(s.owner, message);
    }

    private void emitTo(int owner, byte[] message) {
        // an owner that is gone: its sockets are closed by ownerExited
        node.send(0, owner, Ptype.SOCKET, 0, message);
    }

    private static InetSocketAddress remote(NetSocket s) {
        try {
            return (InetSocketAddress) ((SocketChannel) s.channel).getRemoteAddress();
        } catch (IOException e) {
            return null;
        }
    }

    private static InetSocketAddress bindAddress(String host, int port) throws UnknownHostException {
        if (port < 0 || port > 65535) throw new IllegalArgumentException("invalid port " + port);
        InetAddress a = host == null || host.isEmpty() ? InetAddress.getByName("0.0.0.0") : InetAddress.getByName(host);
        return new InetSocketAddress(a, port);
    }

    static String message(IOException e) {
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    private static void closeQuietly(java.nio.channels.Channel ch) {
        if (ch == null) return;
        try {
            ch.close();
        } catch (IOException e) {
            LOG.debug("close: {}", e.toString());
        }
    }
}
