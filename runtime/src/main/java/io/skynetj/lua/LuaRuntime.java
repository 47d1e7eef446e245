package io.skynetj.lua;

import io.skynetj.cache.CodeCache;
import io.skynetj.cache.CompiledChunk;
import io.skynetj.kernel.Node;
import io.skynetj.kernel.Service;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Pattern;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaValue;

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

    public LuaRuntime(Node node, CodeCache cache, Path home) {
        this.node = node;
        this.cache = cache;
        String lib = home.resolve("lua").toString();
        String scripts = home.resolve("service-scripts").toString();
        this.luaPath = lib + "/?.lua;" + lib + "/?/init.lua" + suffix(node.getenv("lua_path"));
        List<String> patterns = new ArrayList<>(List.of(scripts + "/?.lua"));
        String user = node.getenv("luaservice");
        if (user != null) for (String p : user.split(";")) if (!p.isBlank()) patterns.add(p.trim());
        this.servicePatterns = List.copyOf(patterns);
        this.preload = node.getenv("preload");
    }

    private static String suffix(String path) {
        return path == null || path.isBlank() ? "" : ";" + path;
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

    /**
     * Starts {@code "name arg1 arg2..."} as a new Lua service and returns it; its main file runs in
     * the new service's first execution. Throws {@link LaunchException} when the file cannot be found
     * or does not compile; nothing is started then.
     */
    public Service launch(String commandLine) {
        List<String> words = new ArrayList<>(Arrays.asList(WHITESPACE.split(commandLine.trim())));
        if (words.isEmpty() || words.get(0).isEmpty()) throw new LaunchException("no service name given");
        String name = words.remove(0);
        ServiceFile file = find(name);
        CompiledChunk chunk;
        try {
            chunk = cache.load(file.path());
        } catch (IOException e) {
            throw new LaunchException("cannot open " + file.path());
        } catch (LuaError e) {
            throw new LaunchException(LuaServiceBody.message(e));
        }
        Service s = node.newService(svc -> new LuaServiceBody(this, svc, "snlua " + commandLine.trim()));
        node.start(s, new LuaServiceBody.Main(file, chunk, words));
        return s;
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
