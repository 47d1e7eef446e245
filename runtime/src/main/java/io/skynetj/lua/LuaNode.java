package io.skynetj.lua;

import io.skynetj.cache.CodeCache;
import io.skynetj.kernel.Node;
import io.skynetj.kernel.NodeLog;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * A running skynetj node: the kernel, the code cache and the Lua runtime, booted as skynet does —
 * the {@code bootstrap} service starts the launcher, the service manager and the {@code start} service.
 */
public final class LuaNode {
    private static final int CODE_CACHE_ENTRIES = 10_000;

    private final Node node;
    private final LuaRuntime runtime;
    private final java.util.Map<Class<?>, Object> parts = new java.util.concurrent.ConcurrentHashMap<>();

    private LuaNode(Node node, LuaRuntime runtime) {
        this.node = node;
        this.runtime = runtime;
    }

    /**
     * Boots a node from config keys. {@code stdout} receives {@code print}; the log goes there too
     * unless the {@code logger} key names a file. Throws {@link LuaRuntime.LaunchException} when the
     * bootstrap service or an extension (e.g. the console of the {@code console} key) cannot be started.
     */
    public static LuaNode boot(Map<String, String> config, PrintStream stdout, Path home) throws IOException {
        Map<String, String> env = new HashMap<>(config);
        env.putIfAbsent("harbor", "0");
        env.putIfAbsent("start", "main");
        env.putIfAbsent("bootstrap", "snlua bootstrap");
        String bootstrap = env.get("bootstrap").trim();
        if (!bootstrap.startsWith("snlua "))
            throw new LuaRuntime.LaunchException("bootstrap must be a Lua service (\"snlua name\"), not: " + bootstrap);
        boolean luaLogger = "snlua".equals(env.get("logservice"));
        NodeLog log = openLog(luaLogger ? null : env.get("logger"), stdout);
        Node node = new Node(env, stdout, log);
        LuaRuntime runtime = new LuaRuntime(node, new CodeCache(CODE_CACHE_ENTRIES), home);
        LuaNode luaNode = new LuaNode(node, runtime);
        try {
            // extensions (the debug console, upgrades) start before bootstrap, so a console is
            // reachable even if start-up hangs
            for (NodeExtension extension : java.util.ServiceLoader.load(NodeExtension.class)) extension.install(luaNode);
            if (luaLogger) startLogger(node, runtime, log, env.getOrDefault("logger", "logger"));
            runtime.launch(bootstrap.substring(6));
        } catch (LuaRuntime.LaunchException e) {
            node.abort(1);
            throw e;
        }
        return luaNode;
    }

    /** logservice = "snlua": the Lua service {@code logger} names (with its arguments) receives every log line, as in skynet. */
    private static void startLogger(Node node, LuaRuntime runtime, NodeLog log, String command) {
        io.skynetj.kernel.Service logger;
        try {
            logger = runtime.launch(command);
        } catch (LuaRuntime.LaunchException e) {
            throw new LuaRuntime.LaunchException("Can't launch snlua service (logger " + command + "): " + e.getMessage());
        }
        node.register("logger", logger.handle);
        log.forwardTo(node, logger.handle);
    }

    private static NodeLog openLog(String logger, PrintStream stdout) throws IOException {
        if (logger == null || logger.isBlank()) return new NodeLog(stdout, false);
        PrintStream file = new PrintStream(new FileOutputStream(logger, true), true, StandardCharsets.UTF_8);
        return new NodeLog(file, true);
    }

    /** Where the runtime's lua/ and service-scripts/ live: -Dskynetj.home, else beside the jar. */
    public static Path home() {
        String prop = System.getProperty("skynetj.home");
        if (prop != null) return Path.of(prop).toAbsolutePath().normalize();
        try {
            // <home>/runtime/target/skynetj.jar or <home>/runtime/target/classes
            Path code = Path.of(LuaNode.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return code.getParent().getParent().getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate skynetj home; set -Dskynetj.home", e);
        }
    }

    /** Makes a part of the node (e.g. the upgrade manager) reachable by type. */
    public <T> void register(Class<T> type, T part) {
        parts.put(type, part);
    }

    /** A registered part, or null. */
    public <T> T part(Class<T> type) {
        return type.cast(parts.get(type));
    }

    public Node node() {
        return node;
    }

    public LuaRuntime runtime() {
        return runtime;
    }
}
