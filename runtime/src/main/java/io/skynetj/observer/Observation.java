package io.skynetj.observer;

import io.skynetj.cluster.ClusterLinks;
import io.skynetj.kernel.Address;
import io.skynetj.kernel.Carriers;
import io.skynetj.kernel.Node;
import io.skynetj.kernel.Service;
import io.skynetj.lua.LuaNode;
import io.skynetj.lua.LuaServiceBody;
import io.skynetj.socket.SocketInfo;
import io.skynetj.socket.SocketServer;
import io.skynetj.upgrade.UpgradeManager;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryUsage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Reads the node's counters into views, without stopping any service. */
final class Observation {
    private Observation() {}

    static List<ServiceView> services(Node node, SocketServer sockets) {
        Map<Integer, Integer> owned = sockets == null ? Map.of() : sockets.countsByOwner();
        Map<Integer, String> names = new HashMap<>();
        node.names().forEach((name, h) -> names.merge(h, name, (a, b) -> a.compareTo(b) <= 0 ? a : b));
        CodeAge age = new CodeAge();
        List<Service> services = node.services();
        services.sort(Comparator.comparingInt(s -> s.handle));
        List<ServiceView> views = new ArrayList<>(services.size());
        for (Service s : services) views.add(view(s, names.getOrDefault(s.handle, ""), age, owned.getOrDefault(s.handle, 0)));
        return views;
    }

    private static ServiceView view(Service s, String name, CodeAge age, int sockets) {
        String command = s.describe();
        String kind = s.route() != null ? "route" : command.split(" ", 2)[0];
        String version = "";
        int files = 0;
        int old = 0;
        if (s.route() == null && s.body() instanceof LuaServiceBody body) {
            var versions = body.codeVersions();
            version = body.mainVersion();
            files = versions.size();
            old = age.oldFiles(versions);
        }
        return new ServiceView(s.handle, Address.format(s.handle), name, kind, command, s.mailboxLength(), s.messageCount(),
            s.cpuSeconds(), s.activeRequests(), s.suspendedCount(), s.pendingTimers(), version, files, old, sockets);
    }

    static NodeView node(LuaNode luaNode, NodeHistory history, Operations operations) {
        Node node = luaNode.node();
        List<Service> services = node.services();
        int mailbox = 0;
        int timers = 0;
        for (Service s : services) {
            mailbox += s.mailboxLength();
            timers += s.pendingTimers();
        }
        MemoryUsage heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
        List<NodeView.Gc> gc = new ArrayList<>();
        for (GarbageCollectorMXBean b : ManagementFactory.getGarbageCollectorMXBeans())
            gc.add(new NodeView.Gc(b.getName(), Math.max(0, b.getCollectionCount()), Math.max(0, b.getCollectionTime()) / 1000.0));
        UpgradeManager upgrades = luaNode.part(UpgradeManager.class);
        NodeView.Operations ops = new NodeView.Operations(operations.injects(), operations.clearcaches(),
            upgrades == null ? 0 : upgrades.upgrades(), upgrades == null ? 0 : upgrades.upgradesFailed());
        return new NodeView(System.currentTimeMillis(), (System.currentTimeMillis() / 1000.0 - node.startTime()), services.size(),
            node.messagesHandled(), history.messagesPerSecond(), node.cpuSeconds(), mailbox, Carriers.count(), Carriers.busy(),
            timers, heap.getUsed(), heap.getCommitted(), heap.getMax(), gc, ClusterLinks.of(node), ops,
            luaNode.runtime().cache().stats(), sockets(luaNode.part(SocketServer.class)));
    }

    private static NodeView.Sockets sockets(SocketServer server) {
        if (server == null) return new NodeView.Sockets(0, 0, 0);
        int open = 0;
        long in = 0, out = 0;
        for (SocketInfo s : server.info()) {
            open++;
            in += s.bytesIn();
            out += s.bytesOut();
        }
        return new NodeView.Sockets(open, in, out);
    }
}
