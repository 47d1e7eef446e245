package io.skynetj.lua;

import io.skynetj.cache.CodeCache;
import io.skynetj.console.AuditLog;
import io.skynetj.console.ConsoleService;
import io.skynetj.console.ConsoleSettings;
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
    private final ConsoleService console;

    private LuaNode(Node node, LuaRuntime runtime, ConsoleService console) {
        this.node = node;
        this.runtime = runtime;
        this.console = console;
    }

    /**
     * Boots a node from config keys. {@code stdout} receives {@code print}; the log goes there too
     * unless the {@code logger} key names a file. With the key {@code console} a debug console listens
     * too. Throws {@link LuaRuntime.LaunchException} when the bootstrap service or the console cannot be
     * started.
     */
    public static LuaNode boot(Map<String, String> config, PrintStream stdout, Path home) throws IOException {
        Map<String, String> env = new HashMap<>(config);
        env.putIfAbsent("harbor", "0");
        env.putIfAbsent("start", "main");
        env.putIfAbsent("bootstrap", "snlua bootstrap");
        String bootstrap = env.get("bootstrap").trim();
        if (!bootstrap.startsWith("snlua "))
            throw new LuaRuntime.LaunchException("bootstrap must be a Lua service (\"snlua name\"), not: " + bootstrap);
        String consoleAddress = env.get("console");
        ConsoleSettings consoleSettings = consoleAddress == null || consoleAddress.isBlank() ? null
            : ConsoleSettings.parse(consoleAddress, env.get("console_token"));
        NodeLog log = openLog(env.get("logger"), stdout);
        Node node = new Node(env, stdout, log);
        LuaRuntime runtime = new LuaRuntime(node, new CodeCache(CODE_CACHE_ENTRIES), home);
        AuditLog audit = new AuditLog();
        ConsoleService.registerAsService(runtime, audit);
        try {
            // The config's console starts before bootstrap, so it is reachable even if start-up hangs.
            ConsoleService console = consoleSettings == null ? null : ConsoleService.start(runtime, consoleSettings, audit);
            runtime.launch(bootstrap.substring(6));
            return new LuaNode(node, runtime, console);
        } catch (LuaRuntime.LaunchException e) {
            node.abort(1);
            throw e;
        }
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

    public Node node() {
        return node;
    }

    public LuaRuntime runtime() {
        return runtime;
    }

    /** The console started from the config key {@code console}, or null. */
    public ConsoleService console() {
        return console;
    }
}
