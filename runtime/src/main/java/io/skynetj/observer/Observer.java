package io.skynetj.observer;


import io.skynetj.cluster.LinkState;
import io.skynetj.kernel.Address;
import io.skynetj.lua.LuaNode;
import io.skynetj.socket.SocketServer;
import io.skynetj.upgrade.ManagedService;
import io.skynetj.upgrade.UpgradeManager;
import io.skynetj.upgrade.UpgradeRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;

/**
 * The live view of a node that the console serves over HTTP: Prometheus metrics, a JSON API and the
 * observer page (its files are resources of this package). One per node, made on first use.
 */
public final class Observer {
    /** What {@link #asset} serves: file name → content type. */
    private static final Map<String, String> ASSETS = Map.of(
        "index.html", "text/html; charset=utf-8",
        "observer.js", "text/javascript; charset=utf-8",
        "observer.css", "text/css; charset=utf-8");

    private final LuaNode luaNode;
    private final Operations operations;
    private volatile NodeHistory history;

    private Observer(LuaNode luaNode, Operations operations) {
        this.luaNode = luaNode;
        this.operations = operations;
    }

    /** The node's observer, made (and registered as a part of the node) on first use. */
    public static Observer of(LuaNode luaNode) {
        synchronized (luaNode) {
            Observer o = luaNode.part(Observer.class);
            if (o == null) {
                o = new Observer(luaNode, new Operations());
                luaNode.register(Observer.class, o);
            }
            return o;
        }
    }

    /** Where consoles count the injects and clearcaches they run. */
    public Operations operations() {
        return operations;
    }

    /** The node chart's samples start with the first look at the node, not at start-up. */
    private NodeHistory history() {
        NodeHistory h = history;
        if (h == null) {
            synchronized (this) {
                if (history == null) history = new NodeHistory(luaNode.node());
                h = history;
            }
        }
        return h;
    }

    public static String metricsContentType() {
        return PrometheusMetrics.CONTENT_TYPE;
    }

    /** {@code GET /metrics}: the Prometheus text format. */
    public byte[] metrics() {
        return PrometheusMetrics.scrape(services(), node());
    }

    public List<ServiceView> services() {
        return Observation.services(luaNode.node(), luaNode.part(SocketServer.class));
    }

    public NodeView node() {
        return Observation.node(luaNode, history(), operations);
    }

    /** {@code GET /api/services}: {@code {"time": ms, "services": [{"address": ..., ...}, ...]}}. */
    public String servicesJson() {
        Json j = new Json().beginObject().field("time", System.currentTimeMillis()).key("services").beginArray();
        for (ServiceView s : services()) {
            j.beginObject().field("address", s.address()).field("handle", s.handle()).field("name", s.name()).field("kind", s.kind())
                .field("command", s.command()).field("mailbox", s.mailbox()).field("messages", s.messages())
                .field("cpu", s.cpuSeconds()).field("requests", s.requests()).field("suspended", s.suspended())
                .field("timers", s.timers()).field("version", s.version()).field("files", s.files())
                .field("oldFiles", s.oldFiles()).field("sockets", s.sockets()).endObject();
        }
        return j.endArray().endObject().toString();
    }

    /** {@code GET /api/node}: the node's figures, cluster links and the history of messages/s and heap. */
    public String nodeJson() {
        NodeView n = node();
        Json j = new Json().beginObject().field("time", n.timeMillis()).field("uptime", n.uptimeSeconds())
            .field("services", n.services()).field("messages", n.messages()).field("messagesPerSecond", n.messagesPerSecond())
            .field("cpu", n.cpuSeconds()).field("mailbox", n.mailbox()).field("carriers", n.carriers())
            .field("carriersBusy", n.carriersBusy()).field("timers", n.timers());
        j.key("sockets").beginObject().field("open", n.sockets().open()).field("bytesIn", n.sockets().bytesIn())
            .field("bytesOut", n.sockets().bytesOut()).endObject();
        j.key("heap").beginObject().field("used", n.heapUsed()).field("committed", n.heapCommitted()).field("max", n.heapMax()).endObject();
        j.key("gc").beginArray();
        for (NodeView.Gc gc : n.gc()) j.beginObject().field("name", gc.name()).field("collections", gc.collections()).field("seconds", gc.seconds()).endObject();
        j.endArray().key("cluster").beginArray();
        for (LinkState l : n.links()) {
            j.beginObject().field("direction", l.direction()).field("node", l.node()).field("remote", l.remote()).field("state", l.state())
                .field("pendingCalls", l.pendingCalls()).field("bytesIn", l.bytesIn()).field("bytesOut", l.bytesOut())
                .field("lastError", l.lastError()).endObject();
        }
        j.endArray().key("operations").beginObject().field("injects", n.operations().injects())
            .field("clearcaches", n.operations().clearcaches()).field("upgrades", n.operations().upgrades())
            .field("upgradesFailed", n.operations().upgradesFailed()).endObject();
        j.key("codeCache").beginObject().field("hits", n.codeCache().hits()).field("misses", n.codeCache().misses())
            .field("entries", n.codeCache().entries()).endObject();
        j.key("history").beginArray();
        for (NodeHistory.Sample s : history().samples())
            j.beginObject().field("time", s.timeMillis()).field("messagesPerSecond", s.messagesPerSecond()).field("heapUsed", s.heapUsed()).endObject();
        return j.endArray().endObject().toString();
    }

    /** {@code GET /api/upgrades}: managed names and the newest upgrades and rollbacks, newest last. */
    public String upgradesJson() {
        UpgradeManager m = luaNode.part(UpgradeManager.class);
        Json j = new Json().beginObject().key("managed").beginArray();
        for (ManagedService.Info i : m == null ? List.<ManagedService.Info>of() : m.list()) {
            j.beginObject().field("name", i.name()).field("address", Address.format(i.address()))
                .field("instance", Address.format(i.instance())).field("command", i.command())
                .field("version", i.version()).field("previousVersion", i.previousVersion()).endObject();
        }
        j.endArray().key("history").beginArray();
        for (UpgradeRecord r : m == null ? List.<UpgradeRecord>of() : m.history()) {
            j.beginObject().field("name", r.name()).field("time", r.at().toEpochMilli()).field("rollback", r.rollback()).field("ok", r.ok())
                .field("from", r.fromVersion()).field("to", r.toVersion()).field("millis", r.millis()).key("steps").beginArray();
            for (String step : r.steps()) j.value(step);
            j.endArray().endObject();
        }
        return j.endArray().endObject().toString();
    }

    /** A file of the page, or null when there is none by that name. */
    public static Asset asset(String name) {
        String type = ASSETS.get(name);
        if (type == null) return null;
        try (InputStream in = Observer.class.getResourceAsStream(name)) {
            if (in == null) return null;
            return new Asset(type, in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A page file: its content type and bytes. */
    public record Asset(String contentType, byte[] bytes) {}
}
