package io.skynetj.lua;

import io.skynetj.cache.CodeCache;
import io.skynetj.cache.CompiledChunk;
import io.skynetj.kernel.Node;
import io.skynetj.kernel.Ptype;
import io.skynetj.kernel.Service;
import io.skynetj.kernel.ServiceBody;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * Runs Lua services on a node: finds service files through {@code luaservice}, compiles them
 * through the code cache, and starts them. The runtime's own Lua libraries ({@code lua/}) and
 * system services ({@code service-scripts/}) come first in the search paths, so a skynet user's
 * config that still points at skynet's lualib gets skynetj's {@code skynet} module.
 */
public final class LuaRuntime {
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private final Node node;
    private final CodeCache cache;
    private final List<String> servicePatterns;
    private final String luaPath;
    private final String preload;
    private final double endlessLimitSeconds;
    /** Java modules found through the config key javapath (skynet's cpath role). */
    final JavaModulePath javaModules;
    /** The runtime's own Lua directories (lua/, service-scripts/), normalized. */
    private final List<Path> runtimeDirs;
    /** Lua modules provided by Java (name → table for one service), installed in package.preload. */
    private final Map<String, java.util.function.Function<LuaServiceBody, LuaValue>> modules = new ConcurrentHashMap<>();
    private volatile LuaTable preloadEntries;
    private final Map<String, JavaService> javaServices = new ConcurrentHashMap<>();
    /** The node's exit monitor (skynet.monitor). */
    final ExitMonitor exitMonitor;
    /** Flags services stuck in one message (skynet.endless). */
    final EndlessMonitor endless;
    /** Stops the service filling the heap (config memory_guard); services call it at their safe points. */
    final MemoryGuard memoryGuard;

    public LuaRuntime(Node node, CodeCache cache, Path home) {
        this.node = node;
        this.cache = cache;
        this.exitMonitor = new ExitMonitor(node);
        String lib = home.resolve("lua").toString();
        String scripts = home.resolve("service-scripts").toString();
        this.runtimeDirs = List.of(Path.of(lib).toAbsolutePath().normalize(), Path.of(scripts).toAbsolutePath().normalize());
        // skynet's defaults (service_snlua.c) when the config has no lua_path / luaservice
        String userPath = node.getenv("lua_path");
        this.luaPath = lib + "/?.lua;" + lib + "/?/init.lua" + suffix(userPath == null ? "./lualib/?.lua;./lualib/?/init.lua" : userPath);
        List<String> patterns = new ArrayList<>(List.of(scripts + "/?.lua"));
        String user = node.getenv("luaservice");
        if (user == null) user = "./service/?.lua";
        for (String p : user.split(";")) if (!p.isBlank()) patterns.add(p.trim());
        // services an application often writes its own of (gate): found only when luaservice has none
        patterns.add(scripts + "/defaults/?.lua");
        this.servicePatterns = List.copyOf(patterns);
        this.preload = node.getenv("preload");
        this.endlessLimitSeconds = seconds(node.getenv("endless_limit"), "endless_limit");
        this.javaModules = new JavaModulePath(node.getenv("javapath"));
        node.addExitListener(exitMonitor);
        this.endless = new EndlessMonitor(node);
        endless.start();
        this.memoryGuard = new MemoryGuard(node, MemoryGuard.fraction(node.getenv("memory_guard")));
        memoryGuard.start();
    }

    /** Config key {@code endless_limit}: seconds one execution may run before it is interrupted (0: never). */
    double endlessLimitSeconds() {
        return endlessLimitSeconds;
    }

    private static double seconds(String value, String key) {
        if (value == null || value.isBlank()) return 0;
        try {
            double s = Double.parseDouble(value.trim());
            if (s >= 0 && Double.isFinite(s)) return s;
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new ConfigFile.ConfigException("config key " + key + " must be a number of seconds >= 0, got '" + value + "'");
    }

    private static String suffix(String path) {
        return path == null || path.isBlank() ? "" : ";" + path;
    }

    /** A service written in Java that Lua starts by name, as skynet starts its C services (gate, logger...). */
    public interface JavaService {
        /** Makes the body of a new service from its arguments; throws {@link LaunchException} when it cannot start. */
        ServiceBody create(Service service, List<String> args);
    }

    /** Makes {@code newservice(name, ...)} start a Java service; it takes precedence over Lua files of that name. */
    public void register(String name, JavaService service) {
        javaServices.put(name, service);
    }

    public Node node() {
        return node;
    }

    public CodeCache cache() {
        return cache;
    }

    String luaPath() {
        return luaPath;
    }

    /** True for the runtime's own files (the skynet modules, system services), not a user's. */
    public boolean isRuntimeFile(String path) {
        Path p = Path.of(path).toAbsolutePath().normalize();
        for (Path dir : runtimeDirs) if (p.startsWith(dir) && !p.startsWith(dir.resolve("examples"))) return true;
        return false;
    }

    /** Makes {@code require(name)} in every service return what {@code provider} builds for it. */
    public void provideModule(String name, java.util.function.Function<LuaServiceBody, LuaValue> provider) {
        modules.put(name, provider);
        preloadEntries = null;
    }

    /** The package.preload entries every service reads (LuaVm), made again after a module is added. */
    LuaTable preloadEntries() {
        LuaTable t = preloadEntries;
        if (t == null) preloadEntries = t = LuaVm.preloadEntries(this);
        return t;
    }

    Map<String, java.util.function.Function<LuaServiceBody, LuaValue>> modules() {
        return modules;
    }

    /**
     * Starts {@code "name arg1 arg2..."} as a new Lua service and returns it; its main file runs in
     * the new service's first execution. Throws {@link LaunchException} when the file cannot be found
     * or does not compile; nothing is started then.
     */
    public Service launch(String commandLine) {
        return launch(commandLine, Map.of());
    }

    /**
     * Like {@link #launch(String)}, but the new service loads the given chunks (keyed by normalized
     * path) instead of the current files: used to bring back an older version of a service.
     */
    public Service launch(String commandLine, Map<String, CompiledChunk> pinned) {
        return launch(commandLine, pinned, false);
    }

    /**
     * Like {@link #launch(String, Map)}; with {@code handOver}, a new instance of a managed service that
     * holds its forks and timer callbacks until {@link LuaServiceBody#releaseBackground} (after its restore).
     */
    public Service launch(String commandLine, Map<String, CompiledChunk> pinned, boolean handOver) {
        List<String> words = new ArrayList<>(Arrays.asList(WHITESPACE.split(commandLine.trim())));
        if (words.isEmpty() || words.get(0).isEmpty()) throw new LaunchException("no service name given");
        String name = words.remove(0);
        JavaService java = javaServices.get(name);
        if (java != null) return launchJava(java, name, words);
        ServiceFile file = find(name);
        CompiledChunk chunk;
        try {
            chunk = pinned.get(CodeCache.key(file.path()));
            if (chunk == null) chunk = cache.load(file.path());
        } catch (IOException e) {
            throw new LaunchException("cannot open " + file.path());
        } catch (LuaError e) {
            throw new LaunchException(LuaServiceBody.message(e));
        }
        Service s = node.newService(svc -> new LuaServiceBody(this, svc, "snlua " + commandLine.trim()));
        node.log(s.handle, "LAUNCH snlua " + commandLine.trim()); // skynet_context_new's line
        if (!pinned.isEmpty()) ((LuaServiceBody) s.body()).loader.pin(pinned);
        if (handOver) ((LuaServiceBody) s.body()).holdBackground();
        node.start(s, new LuaServiceBody.Main(file, chunk, words));
        return s;
    }

    /** A Java service is up as soon as its body exists, so the launcher hears LAUNCHOK at once. */
    private Service launchJava(JavaService java, String name, List<String> args) {
        Service s = node.newService(svc -> java.create(svc, List.copyOf(args)));
        node.log(s.handle, String.join(" ", "LAUNCH", name, String.join(" ", args)).trim());
        node.start(s, null);
        notifyLauncher(s, "LAUNCHOK", null);
        return s;
    }

    /** Tells the launcher how a service's start-up went (skynet.lua does this from init_service). */
    static void notifyLauncher(Service s, String what, String detail) {
        int launcher = s.node.lookup(".launcher");
        if (launcher == 0 || launcher == s.handle) return;
        Varargs args = detail == null ? LuaValue.valueOf(what) : LuaValue.varargsOf(LuaValue.valueOf(what), LuaValue.valueOf(detail));
        s.send(launcher, Ptype.LUA, 0, Pack.pack(args));
    }

    private ServiceFile find(String name) {
        StringBuilder tried = new StringBuilder();
        for (String pattern : servicePatterns) {
            String path = pattern.replace("?", name);
            if (Files.isRegularFile(Path.of(path))) return serviceFile(name, pattern, path);
            tried.append("\n\tno file '").append(path).append('\'');
        }
        throw new LaunchException("module '" + name + "' not found:" + tried);
    }

    /** skynet's loader: a pattern whose last component has no '?' puts the service's directory first in package.path. */
    private static ServiceFile serviceFile(String name, String pattern, String path) {
        int slash = pattern.lastIndexOf('/');
        String dir = slash >= 0 ? pattern.substring(0, slash + 1) : null;
        String last = pattern.substring(slash + 1);
        if (dir != null && !last.contains("?") && dir.contains("?")) {
            String serviceDir = dir.replace("?", name);
            return new ServiceFile(name, path, serviceDir, serviceDir);
        }
        return new ServiceFile(name, path, dir, null);
    }

    /** Runs the {@code preload} file (config key) in a service before its main file. */
    void runPreload(LuaServiceBody body, LuaValue[] args) {
        if (preload == null || preload.isBlank()) return;
        body.loader.load(preload, body.globals).invoke(LuaValue.varargsOf(args));
    }

    /** A service that could not be started, with the reason (missing file, compile error). */
    public static final class LaunchException extends RuntimeException {
        public LaunchException(String message) {
            super(message, null, false, false);
        }
    }
}
