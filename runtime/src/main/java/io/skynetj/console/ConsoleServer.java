package io.skynetj.console;

import io.skynetj.kernel.Failures;
import io.skynetj.lua.LuaRuntime.LaunchException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's TCP listener. Accepting and every connection run on platform threads, not virtual
 * ones: services stuck in loops may occupy the carrier threads of the virtual-thread scheduler, and the
 * console must still answer then (at least the commands that need no service: list, stat, kill...).
 * Connections are capped ({@code console_max_connections}), so this costs a bounded number of threads.
 *
 * <p>A full console does not lock new clients out: the newcomer takes the slot of a connection that is
 * still logging in (the oldest such), else of the one waiting longest for a command. Only when every
 * connection is running a command is the newcomer refused, and commands end (a reply timeout, a write
 * deadline).
 */
final class ConsoleServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleServer.class);
    private final ServerSocket listener;
    private final int maxConnections;
    private final Function<Socket, ConsoleSession> sessions;
    private final Set<ConsoleSession> open = new HashSet<>(); // guarded by itself
    private final Set<Socket> sockets = new HashSet<>(); // guarded by open

    ConsoleServer(ConsoleSettings settings, int maxConnections, Function<Socket, ConsoleSession> sessions) {
        this.sessions = sessions;
        this.maxConnections = maxConnections;
        try {
            listener = new ServerSocket();
            listener.setReuseAddress(true);
            listener.bind(settings.bind());
        } catch (IOException e) {
            throw new LaunchException("console: cannot listen on " + settings.bind().getHostString() + ":"
                + settings.bind().getPort() + ": " + e.getMessage());
        }
    }

    InetSocketAddress address() {
        return (InetSocketAddress) listener.getLocalSocketAddress();
    }

    void start() {
        Failures.prepare();
        Thread.ofPlatform().daemon().name("skynetj-console-" + address().getPort()).start(this::acceptLoop);
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            Socket socket;
            try {
                socket = listener.accept();
            } catch (IOException e) {
                return; // closed
            }
            ConsoleSession session = sessions.apply(socket);
            ConsoleSession displaced = null;
            synchronized (open) {
                if (open.size() >= maxConnections) {
                    displaced = leastNeeded();
                    if (displaced == null) {
                        refuse(socket);
                        continue;
                    }
                    open.remove(displaced);
                }
                open.add(session);
                sockets.add(socket);
            }
            if (displaced != null)
                displaced.end("Closing the connection: the console is full (" + maxConnections + " connections) and a new client needs the slot");
            try {
                Thread.ofPlatform().daemon().name("skynetj-console-" + socket.getRemoteSocketAddress()).start(() -> {
                    try {
                        session.run();
                    } finally {
                        forget(session, socket);
                    }
                });
            } catch (RuntimeException | Error e) { // no memory or no thread for this one: the acceptor goes on
                forget(session, socket);
                Failures.log(LOG, "console connection from {} failed", socket.getRemoteSocketAddress(), e);
            }
        }
    }

    private void forget(ConsoleSession session, Socket socket) {
        synchronized (open) {
            open.remove(session);
            sockets.remove(socket);
        }
        closeQuietly(socket);
    }

    /** The connection that gives way to a new client: the oldest still logging in, else the longest idle; null if all are busy. */
    private ConsoleSession leastNeeded() {
        ConsoleSession pick = null;
        for (ConsoleSession s : open) {
            ConsoleSession.Phase p = s.phase();
            if (p == ConsoleSession.Phase.BUSY) continue;
            if (pick == null || rank(p) < rank(pick.phase()) || p == pick.phase() && s.phaseSince() < pick.phaseSince()) pick = s;
        }
        return pick;
    }

    private static int rank(ConsoleSession.Phase p) {
        return p == ConsoleSession.Phase.LOGIN ? 0 : 1;
    }

    private void refuse(Socket socket) {
        // a few bytes into a fresh socket's buffer: this write does not block
        try (socket; OutputStream out = socket.getOutputStream()) {
            out.write(("Too many console connections (" + maxConnections + "), all running commands; try again later\n")
                .getBytes(StandardCharsets.UTF_8));
        } catch (IOException ignored) {
            // the peer is gone already
        }
    }

    @Override
    public void close() {
        closeQuietly(listener);
        synchronized (open) {
            for (Socket s : sockets) closeQuietly(s);
        }
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // closing anyway
        }
    }
}
