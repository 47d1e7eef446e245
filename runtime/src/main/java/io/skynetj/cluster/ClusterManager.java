package io.skynetj.cluster;

import io.skynetj.kernel.Address;
import io.skynetj.kernel.Execution;
import io.skynetj.kernel.Message;
import io.skynetj.kernel.Node;
import io.skynetj.kernel.Ptype;
import io.skynetj.kernel.Service;
import io.skynetj.kernel.ServiceBody;
import io.skynetj.lua.Pack;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.compiler.LuaC;
import org.luaj.vm2.lib.jse.JseBaseLib;

/**
 * skynet's clusterd: one per node, named {@code .clusterd}. It owns the map from node names to
 * addresses (the {@code cluster} config file and {@code cluster.reload}), starts one
 * {@link ClusterSender} per remote node, one {@link ClusterListener} per {@code cluster.open} and one
 * {@link ClusterAgent} per accepted connection, and keeps the cluster name registry.
 *
 * <p>Config keys: {@code cluster} (the node-name file), {@code cluster_timeout} (centiseconds a remote
 * call may take, default 3000; 0 waits forever as skynet does), {@code cluster_bind} (host that
 * {@code cluster.open(port)} listens on, default 127.0.0.1; skynet uses 0.0.0.0) and
 * {@code cluster_secret} (authenticate links with this shared secret; skynetj peers only).
 */
public final class ClusterManager implements ServiceBody {
    static final String NAME = ".clusterd";
    private static final Object START_LOCK = new Object();
    private static final long DEFAULT_TIMEOUT_CS = 3000;
    private static final int DEFAULT_MAX_CLIENTS = 1024;
    private static final Pattern NODE_AND_NAME = Pattern.compile("^([^@.]+)([@.].+)");

    private final Service service;
    private final Node node;
    private final String configFile;
    private final long timeoutCs;
    private final String bindHost;
    private final LinkAuth auth;
    private final LinkLimits limits;

    // Baton-owned.
    /** Node name to "host:port"; a null value is a node set to false (down). */
    private final Map<String, String> addresses = new HashMap<>();
    private boolean nowaiting;
    private final Map<String, List<Object>> waiting = new HashMap<>();
    private final Map<String, Integer> proxies = new HashMap<>();
    private final Map<Integer, String> registeredNames = new HashMap<>();

    // Read by agents and the console from other threads.
    private final ConcurrentHashMap<String, ClusterSender> senders = new ConcurrentHashMap<>();
    private final ConcurrentHashMap<String, Integer> registry = new ConcurrentHashMap<>();
    private final Set<ClusterAgent> agents = ConcurrentHashMap.newKeySet();
    private final List<ClusterListener> listeners = new CopyOnWriteArrayList<>();

    private ClusterManager(Service service) {
        this.service = service;
        this.node = service.node;
        this.configFile = node.getenv("cluster");
        this.timeoutCs = timeout(node.getenv("cluster_timeout"));
        String bind = node.getenv("cluster_bind");
        this.bindHost = bind == null || bind.isBlank() ? "127.0.0.1" : bind.trim();
        String secret = node.getenv("cluster_secret");
        this.auth = secret == null ? null : new LinkAuth(secret);
        this.limits = LinkLimits.of(node::getenv);
        if (configFile != null) apply(readConfigFile());
    }

    /**
     * The node's clusterd, started on first use (skynet starts it as a unique service). Throws
     * {@link IllegalArgumentException} when the cluster config is unusable.
     */
    static int ensureStarted(Node node) {
        synchronized (START_LOCK) {
            int running = node.lookup(NAME);
            if (running != 0) return running;
            Service s = node.newService(ClusterManager::new);
            node.start(s, null);
            if (!node.register(NAME, s.handle)) {
                node.kill(s.handle);
                throw new IllegalArgumentException("can't start clusterd: the name " + NAME + " is taken");
            }
            return s.handle;
        }
    }

    private static long timeout(String cs) {
        if (cs == null || cs.isBlank()) return DEFAULT_TIMEOUT_CS;
        try {
            long v = Long.parseLong(cs.trim());
            if (v >= 0) return v;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException("cluster_timeout must be a number of centiseconds (0: no timeout), not " + cs);
    }

    /** Runs the cluster config file in an empty environment; its globals are the entries (skynet's loadconfig). */
    private LuaTable readConfigFile() {
        String source;
        try {
            source = Files.readString(Path.of(configFile), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalArgumentException("can't open cluster config file " + configFile);
        }
        Globals compiler = new Globals();
        compiler.load(new JseBaseLib());
        LuaC.install(compiler);
        LuaTable entries = new LuaTable();
        try {
            compiler.load(source, "@" + configFile, entries).call();
        } catch (LuaError e) {
            throw new IllegalArgumentException("cluster config " + configFile + ": " + e.getMessage());
        }
        return entries;
    }

    // ---------------------------------------------------------------- commands

    @Override
    public boolean run(Execution e) {
        Message m = e.request;
        if (m == null) return true;
        if (m.type != Ptype.LUA) {
            reply(m, Ptype.ERROR, utf8("clusterd: unexpected message type " + m.type));
            return true;
        }
        try {
            Varargs a = Pack.unpack(m.data);
            String cmd = a.arg1().checkjstring();
            Varargs result = switch (cmd) {
                case "sender" -> sender(a.checkjstring(2));
                case "senders" -> senders();
                case "reload" -> reload(a.arg(2));
                case "listen" -> listen(a.arg(2), a.optint(3, DEFAULT_MAX_CLIENTS));
                case "proxy" -> proxy(a.checkjstring(2), a.arg(3));
                case "register" -> register(a.checkjstring(2), a.isnil(3) ? m.source : a.checkint(3));
                case "unregister" -> unregister(a.checkjstring(2));
                default -> throw new IllegalArgumentException("clusterd: unknown command " + cmd);
            };
            reply(m, Ptype.RESPONSE, Pack.pack(result));
        } catch (LuaError | IllegalArgumentException ex) {
            String why = ex instanceof LuaError le ? String.valueOf(le.getMessageObject()) : ex.getMessage();
            node.log(service.handle, why);
            reply(m, Ptype.ERROR, utf8(why));
        }
        return true;
    }

    /** Answers a request; a command sent without a session (a push) gets no answer. */
    private void reply(Message m, int type, byte[] data) {
        if (m.session != 0) service.ret(type, data);
    }

    /**
     * The sender of a node: waits while the name is unknown (unless {@code __nowaiting}); returns nil
     * and the reason when it stays unknown.
     */
    private Varargs sender(String name) {
        while (!addresses.containsKey(name)) {
            if (nowaiting) return LuaValue.varargsOf(LuaValue.NIL, LuaValue.valueOf("cluster node [" + name + "] is absent"));
            node.log(service.handle, "Waiting for cluster node [" + name + "]");
            Object token = new Object();
            waiting.computeIfAbsent(name, k -> new ArrayList<>()).add(token);
            service.await(token);
        }
        ClusterSender s = senders.get(name);
        if (s == null || node.service(s.handle()) == null) { // none yet, or it was killed
            String address = addresses.get(name);
            Service svc = node.newService(x -> new ClusterSender(x, name, address == null ? null : HostPort.parse(address), timeoutCs, auth, limits));
            node.start(svc, null);
            s = (ClusterSender) svc.body();
            senders.put(name, s);
        }
        return LuaValue.valueOf(s.handle());
    }

    private Varargs senders() {
        LuaTable t = new LuaTable();
        senders.forEach((name, s) -> t.set(name, s.handle()));
        return t;
    }

    /** {@code cluster.reload([tbl])}: merges entries; no table re-reads the config file. */
    private Varargs reload(LuaValue tbl) {
        if (tbl.isnil()) {
            if (configFile != null) apply(readConfigFile());
        } else {
            apply(tbl.checktable());
        }
        return LuaValue.NONE;
    }

    /** Applies config entries: {@code name = "host:port" | false}, {@code __option = value}. Checked before anything changes. */
    private void apply(LuaTable entries) {
        Map<String, LuaValue> nodes = new HashMap<>();
        Map<String, LuaValue> options = new HashMap<>();
        for (Varargs kv = entries.next(LuaValue.NIL); !kv.arg1().isnil(); kv = entries.next(kv.arg1())) {
            String key = kv.arg1().checkjstring();
            LuaValue v = kv.arg(2);
            if (key.startsWith("__")) {
                options.put(key.substring(2), v);
            } else if (v.type() == LuaValue.TSTRING) {
                HostPort.parse(v.tojstring()); // rejects a malformed address now rather than at connect time
                nodes.put(key, v);
            } else if (v.type() == LuaValue.TBOOLEAN && !v.toboolean()) {
                nodes.put(key, v);
            } else {
                throw new IllegalArgumentException("cluster node [" + key + "] must be \"host:port\" or false, not " + v.typename());
            }
        }
        options.forEach((option, v) -> {
            if (option.equals("nowaiting")) nowaiting = v.toboolean();
            node.log(service.handle, "Config " + option + " = " + v.tojstring());
        });
        nodes.forEach((name, v) -> {
            String address = v.isstring() ? v.tojstring() : null;
            if (!addresses.containsKey(name) || !Objects.equals(addresses.get(name), address)) {
                addresses.put(name, address);
                ClusterSender s = senders.get(name);
                if (s != null) s.link.retarget(address == null ? null : HostPort.parse(address), "cluster node [" + name + "] changed to " + v.tojstring());
            }
            List<Object> tokens = waiting.remove(name);
            if (tokens != null) {
                node.log(service.handle, "Cluster node [" + name + "] resolved : " + v.tojstring());
                tokens.forEach(service::wakeup);
            }
        });
        if (nowaiting) {
            waiting.values().forEach(tokens -> tokens.forEach(service::wakeup));
            waiting.clear();
        }
    }

    /** {@code cluster.open}: a port (on {@code cluster_bind}) or a node name from the config. Returns host, port. */
    private Varargs listen(LuaValue where, int maxClients) {
        HostPort at;
        if (where.type() == LuaValue.TNUMBER) {
            at = new HostPort(bindHost, where.toint());
        } else {
            String name = where.checkjstring();
            String address = addresses.get(name);
            if (address == null) throw new IllegalArgumentException("cluster.open: node [" + name + "] has no address in the cluster config");
            at = HostPort.parse(address);
        }
        ClusterListener l;
        try {
            l = ClusterListener.open(at, maxClients, this);
        } catch (IOException e) {
            throw new IllegalArgumentException("cluster.open: can't listen on " + at + ": " + e.getMessage());
        }
        listeners.add(l);
        node.log(service.handle, "Listen on " + l.address());
        return LuaValue.varargsOf(LuaValue.valueOf(l.address().host()), LuaValue.valueOf(l.address().port()));
    }

    /** {@code cluster.proxy(node, name)} or {@code ("node@name")}/{@code ("node.name")}: one proxy per node.name. */
    private Varargs proxy(String nodeName, LuaValue name) {
        String remote;
        if (name.isnil()) {
            Matcher m = NODE_AND_NAME.matcher(nodeName);
            if (!m.find()) throw new IllegalArgumentException("Invalid name " + nodeName);
            nodeName = m.group(1);
            remote = m.group(2);
        } else {
            remote = name.tojstring();
        }
        String full = nodeName + "." + remote;
        Integer p = proxies.get(full);
        if (p == null || node.service(p) == null) {
            String target = nodeName;
            Service svc = node.newService(x -> new ClusterProxy(x, service.handle, target, remote));
            node.start(svc, null);
            p = svc.handle;
            proxies.put(full, p);
        }
        return LuaValue.valueOf(p);
    }

    /** {@code cluster.register}: a name may be taken once; a service holds one name (a new one replaces it). */
    private Varargs register(String name, int handle) {
        Integer holder = registry.get(name);
        if (holder != null)
            throw new IllegalArgumentException("cluster.register: name [" + name + "] is already registered to " + Address.format(holder));
        String old = registeredNames.put(handle, name);
        if (old != null) registry.remove(old);
        registry.put(name, handle);
        node.log(service.handle, String.format("Register [%s] :%08x", name, handle));
        return LuaValue.NONE;
    }

    private Varargs unregister(String name) {
        Integer handle = registry.remove(name);
        if (handle != null) {
            registeredNames.remove(handle);
            node.log(service.handle, String.format("Unregister [%s] :%08x", name, handle));
        }
        return LuaValue.NONE;
    }

    // ---------------------------------------------------------------- for agents, listeners, the console

    /** The handle registered under {@code name}, or 0. Any thread. */
    int registered(String name) {
        Integer h = registry.get(name);
        return h == null ? 0 : h;
    }

    /** A listener accepted a connection: one agent serves it. Listener thread. */
    void accepted(Socket socket, ClusterListener listener) {
        node.log(service.handle, "socket accept from " + socket.getInetAddress().getHostAddress() + ":" + socket.getPort());
        Service svc = node.newService(x -> new ClusterAgent(x, this, listener, limits));
        ClusterAgent agent = (ClusterAgent) svc.body();
        agents.add(agent);
        listener.add(agent);
        node.start(svc, null);
        agent.begin(socket, auth);
        if (service.isDead()) node.kill(svc.handle); // clusterd went away meanwhile; exited() may have missed it
    }

    void refused(Socket socket, int maxClients) {
        node.log(service.handle, "socket from " + socket.getInetAddress().getHostAddress() + ":" + socket.getPort()
            + " refused: " + maxClients + " clients already");
        try {
            socket.close();
        } catch (IOException ignored) {
            // refused anyway
        }
    }

    void agentGone(ClusterAgent agent) {
        agents.remove(agent);
    }

    List<LinkState> links() {
        List<LinkState> all = new ArrayList<>();
        senders.values().forEach(s -> all.add(s.state()));
        agents.forEach(a -> all.add(a.state()));
        return all;
    }

    /** clusterd gone (usually the node stopping): nothing of the cluster outlives it. */
    @Override
    public void exited() {
        listeners.forEach(ClusterListener::close);
        senders.values().forEach(s -> node.kill(s.handle()));
        agents.forEach(a -> node.kill(a.handle()));
        proxies.values().forEach(node::kill);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
