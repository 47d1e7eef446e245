package io.skynetj.cluster;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code cluster.open} listening socket (skynet's gate): accepts connections on a virtual thread and
 * has clusterd start an agent for each; connections beyond {@code maxClients} are closed at once.
 */
final class ClusterListener {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterListener.class);

    private final ServerSocket server;
    private final ClusterManager manager;
    private final int maxClients;
    private final AtomicInteger clients = new AtomicInteger();

    private ClusterListener(ServerSocket server, ClusterManager manager, int maxClients) {
        this.server = server;
        this.manager = manager;
        this.maxClients = maxClients;
    }

    static ClusterListener open(HostPort at, int maxClients, ClusterManager manager) throws IOException {
        ServerSocket server = new ServerSocket();
        try {
            server.setReuseAddress(true);
            server.bind(new InetSocketAddress(at.host(), at.port()));
        } catch (IOException e) {
            server.close();
            throw e;
        }
        ClusterListener l = new ClusterListener(server, manager, maxClients);
        Thread.ofVirtual().name("cluster listener " + l.address()).start(l::accept);
        return l;
    }

    private void accept() {
        while (!server.isClosed()) {
            Socket s;
            try {
                s = server.accept();
            } catch (IOException e) {
                if (!server.isClosed()) LOG.warn("cluster listener {} stopped: {}", address(), e.toString());
                return;
            }
            if (clients.incrementAndGet() > maxClients) {
                release();
                manager.refused(s, maxClients);
                continue;
            }
            manager.accepted(s, this);
        }
    }

    /** An agent of this listener ended. */
    void release() {
        clients.decrementAndGet();
    }

    HostPort address() {
        return new HostPort(server.getInetAddress().getHostAddress(), server.getLocalPort());
    }

    void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
