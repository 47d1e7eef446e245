package io.skynetj.cluster;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One {@code cluster.open} listening socket (skynet's gate): accepts connections on a virtual thread and
 * has clusterd start an agent for each, at most {@code maxClients} at once. When all are taken, a new
 * connection takes the slot of one that has not sent a request yet (the oldest), else of the one idle
 * longest (nothing in progress; a real peer reconnects for its next call, as skynet's senders do); only
 * when every link has requests in progress is it refused. So idle sockets cannot lock real peers out.
 */
final class ClusterListener {
    private static final Logger LOG = LoggerFactory.getLogger(ClusterListener.class);

    private final ServerSocket server;
    private final ClusterManager manager;
    private final int maxClients;
    private final AtomicInteger clients = new AtomicInteger();
    /** Agents that may still be asked to give way (an evicted one leaves at once; it releases its slot when gone). */
    private final Set<ClusterAgent> agents = ConcurrentHashMap.newKeySet();

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
                ClusterAgent idle = leastNeeded();
                if (idle == null) {
                    clients.decrementAndGet();
                    manager.refused(s, maxClients);
                    continue;
                }
                agents.remove(idle);
                idle.evict("all " + maxClients + " connections of " + address() + " are taken, and a new one needs the slot");
            }
            manager.accepted(s, this);
        }
    }

    /** The link that gives way: the oldest that has not sent a request, else the longest idle; null when all are busy. */
    private ClusterAgent leastNeeded() {
        ClusterAgent pick = null;
        for (ClusterAgent a : agents) {
            if (!a.idle()) continue;
            if (pick == null || !a.greeted() && pick.greeted() || a.greeted() == pick.greeted() && a.lastFrame() < pick.lastFrame()) pick = a;
        }
        return pick;
    }

    /** An agent serves a connection of this listener. */
    void add(ClusterAgent agent) {
        agents.add(agent);
    }

    /** An agent of this listener ended. */
    void release(ClusterAgent agent) {
        agents.remove(agent);
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
