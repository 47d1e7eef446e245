package io.skynetj.cluster;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One TCP connection carrying cluster frames, in either direction.
 *
 * <p>Blocking sockets on virtual threads: each connection has one virtual thread that connects, then
 * blocks in {@code read} and hands each frame to its owner. A parked virtual thread holds no carrier
 * and costs a few KB, so a link needs no selector loop or callback state machine (the kernel runs
 * handlers on virtual threads for the same reason). Writers write on their own thread: a writer that
 * finds another one writing leaves its frames in the queue, and the one writing sends them before it
 * lets go, so frames are never lost, bursts leave in few system calls, and a full socket buffer slows
 * the writers down instead of growing a buffer without bound.
 */
final class Connection {
    private static final Logger LOG = LoggerFactory.getLogger(Connection.class);
    private static final int BUFFER = 1 << 16;
    private static final int CONNECT_TIMEOUT_MS = 5000;

    /** Receives each frame body on the reader thread; throwing drops the connection. */
    interface Frames {
        void frame(byte[] body) throws IOException;
    }

    /** Runs on a fresh socket before frames flow (authentication). */
    interface Handshake {
        void run(Socket socket, DataInputStream in, OutputStream out) throws IOException;
    }

    interface Events {
        void opened(Connection c);

        /** Called once, when the connection failed to open ({@code wasOpen} false) or closed. */
        void closed(Connection c, String reason, boolean wasOpen);
    }

    private interface SocketSource {
        Socket get() throws IOException;
    }

    /** The other end, host:port. */
    final String peer;
    /** "connection to host:port" or "connection from host:port", for messages. */
    final String label;
    private final SocketSource source;
    private final Handshake handshake;
    private final Frames frames;
    private final Events events;
    private final ConcurrentLinkedQueue<byte[]> outgoing = new ConcurrentLinkedQueue<>();
    private final ReentrantLock writing = new ReentrantLock();
    private final AtomicLong bytesIn = new AtomicLong();
    private final AtomicLong bytesOut = new AtomicLong();
    private final AtomicBoolean closed = new AtomicBoolean();
    private volatile boolean open;
    private OutputStream out; // written under the writing lock, once open
    private Socket socket; // guarded by this

    private Connection(String peer, boolean outgoing, SocketSource source, Handshake handshake, Frames frames, Events events) {
        this.peer = peer;
        this.label = (outgoing ? "connection to " : "connection from ") + peer;
        this.source = source;
        this.handshake = handshake;
        this.frames = frames;
        this.events = events;
    }

    /** A connection to {@code to}, opened by {@link #start}; frames written before it is open are sent then. */
    static Connection to(HostPort to, Handshake handshake, Frames frames, Events events) {
        return new Connection(to.toString(), true, () -> {
            Socket s = new Socket();
            try {
                s.connect(new InetSocketAddress(to.host(), to.port()), CONNECT_TIMEOUT_MS);
            } catch (IOException e) {
                s.close();
                throw e;
            }
            return s;
        }, handshake, frames, events);
    }

    /** A connection over an accepted socket, served from {@link #start}. */
    static Connection from(Socket socket, Handshake handshake, Frames frames, Events events) {
        String peer = socket.getInetAddress().getHostAddress() + ":" + socket.getPort();
        return new Connection(peer, false, () -> socket, handshake, frames, events);
    }

    /** Starts the connection's thread: it opens the socket, then reads until the connection closes. */
    void start() {
        Thread.ofVirtual().name("cluster " + label).start(this::run);
    }

    private void run() {
        try {
            Socket s = source.get();
            synchronized (this) {
                if (closed.get()) {
                    s.close();
                    return;
                }
                socket = s;
            }
            s.setTcpNoDelay(true);
            s.setKeepAlive(true);
            DataInputStream in = new DataInputStream(new BufferedInputStream(s.getInputStream(), BUFFER));
            OutputStream o = new BufferedOutputStream(s.getOutputStream(), BUFFER);
            if (handshake != null) handshake.run(s, in, o);
            writing.lock();
            try {
                out = o;
                open = true;
            } finally {
                writing.unlock();
            }
            events.opened(this);
            send(); // what was written while connecting
            read(in);
        } catch (IOException e) {
            close(failure(e));
        } catch (RuntimeException | Error e) { // an Error too (OutOfMemoryError): the socket and what it holds must go
            dropped(e);
        }
    }

    /**
     * Closes the connection after an unexpected failure. The close comes first and needs no memory to
     * speak of (an OutOfMemoryError may be why we are here); the log line is best effort.
     */
    private void dropped(Throwable e) {
        String reason = label + " dropped";
        try {
            reason = label + " dropped: " + e;
        } catch (Throwable ignored) {
            // no memory for the message: the short reason will do
        }
        try {
            close(reason);
        } finally {
            try {
                LOG.error("{}: frame handler failed", label, e);
            } catch (Throwable ignored) {
                // the connection is closed; the log line is what we could not afford
            }
        }
    }

    private void read(DataInputStream in) throws IOException {
        for (;;) {
            byte[] body = Wire.readFrame(in);
            bytesIn.addAndGet(2 + body.length);
            frames.frame(body);
        }
    }

    private String failure(IOException e) {
        String why = e instanceof EOFException ? "closed by peer"
            : e.getMessage() != null ? e.getMessage() : e.getClass().getSimpleName();
        return open ? label + " lost: " + why : label + " failed: " + why;
    }

    /**
     * Sends frames, together and in order. Before the connection is open they wait for it; on a closed
     * connection they are dropped: its owner hears of the close and fails what was sent on it.
     */
    void write(List<byte[]> frames) {
        if (closed.get()) return;
        outgoing.addAll(frames);
        send();
    }

    /** Writes out the queue unless another thread is doing so; rechecks after letting go, so no frame is stranded. */
    private void send() {
        while (open && !outgoing.isEmpty() && writing.tryLock()) {
            try {
                byte[] f;
                while ((f = outgoing.poll()) != null) {
                    out.write(f);
                    bytesOut.addAndGet(f.length);
                }
                out.flush();
            } catch (IOException e) {
                close(failure(e));
            } catch (RuntimeException | Error e) {
                dropped(e);
            } finally {
                writing.unlock();
            }
        }
    }

    /** Closes the connection; the first call reports {@code reason} to the owner. */
    void close(String reason) {
        if (!closed.compareAndSet(false, true)) return;
        synchronized (this) {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
        }
        outgoing.clear();
        LOG.debug("{} closed: {}", label, reason);
        events.closed(this, reason, open);
    }

    boolean isOpen() {
        return open && !closed.get();
    }

    long bytesIn() {
        return bytesIn.get();
    }

    long bytesOut() {
        return bytesOut.get();
    }
}
