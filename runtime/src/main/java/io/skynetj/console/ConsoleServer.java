package io.skynetj.console;

import io.skynetj.kernel.Failures;
import io.skynetj.lua.LuaRuntime.LaunchException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The console's TCP listener. Accepting and every connection run on platform threads, not virtual
 * ones: Lua handlers are never preempted, so services stuck in loops can occupy every carrier thread of
 * the virtual-thread scheduler, and the console must still answer then (at least the commands that need
 * no service: list, stat, kill...). Connections are capped, so this costs a bounded number of threads.
 */
final class ConsoleServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ConsoleServer.class);
    static final int MAX_CONNECTIONS = 16;

    private final ServerSocket listener;
    private final Function<Socket, Runnable> sessions;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();

    ConsoleServer(ConsoleSettings settings, Function<Socket, Runnable> sessions) {
        this.sessions = sessions;
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
            if (open.size() >= MAX_CONNECTIONS) {
                refuse(socket);
                continue;
            }
            open.add(socket);
            try {
                Runnable session = sessions.apply(socket);
                Thread.ofPlatform().daemon().name("skynetj-console-" + socket.getRemoteSocketAddress()).start(() -> {
                    try {
                        session.run();
                    } finally {
                        open.remove(socket);
                        closeQuietly(socket);
                    }
                });
            } catch (RuntimeException | Error e) { // no memory or no thread for this one: the acceptor goes on
                open.remove(socket);
                closeQuietly(socket);
                Failures.log(LOG, "console connection from {} failed", socket.getRemoteSocketAddress(), e);
            }
        }
    }

    private static void refuse(Socket socket) {
        try (socket; OutputStream out = socket.getOutputStream()) {
            out.write(("Too many console connections (" + MAX_CONNECTIONS + "); try again later\n").getBytes(StandardCharsets.UTF_8));
        } catch (IOException ignored) {
            // the peer is gone already
        }
    }

    @Override
    public void close() {
        closeQuietly(listener);
        for (Socket s : open) closeQuietly(s);
    }

    private static void closeQuietly(AutoCloseable c) {
        try {
            c.close();
        } catch (Exception ignored) {
            // closing; nothing left to do
        }
    }
}
