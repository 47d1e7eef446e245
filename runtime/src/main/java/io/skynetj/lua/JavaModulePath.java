package io.skynetj.lua;

import io.skynetj.lua.lib.LuaFn;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaValue;

/**
 * The config key {@code javapath}: ';'-separated patterns such as {@code ./jlib/?.jar} where
 * {@code require} looks for {@link JavaModule}s after Lua files, as Lua looks for C modules on
 * {@code package.cpath}: '?' is the module name with '.' turned into '/', then (as Lua's all-in-one
 * loader) the name's first component, so {@code game.crypto} may live in {@code game.jar}. Each jar
 * is opened once per node, with its own class loader whose parent is skynetj's.
 */
final class JavaModulePath {
    private final List<String> patterns;
    /** Opened jars by normalized path: their modules by name. */
    private final Map<Path, Map<String, JavaModule>> jars = new ConcurrentHashMap<>();

    JavaModulePath(String javapath) {
        this.patterns = javapath == null ? List.of()
            : java.util.Arrays.stream(javapath.split(";")).map(String::trim).filter(p -> !p.isEmpty()).toList();
    }

    /** package.searchers entry: a loader for {@code name}, or the list of jars tried. */
    LuaValue searcher(LuaServiceBody body) {
        return LuaFn.of("javapath searcher", a -> {
            String name = a.checkjstring(1);
            StringBuilder tried = new StringBuilder();
            String root = name.contains(".") ? name.substring(0, name.indexOf('.')) : null;
            for (String candidate : root == null ? List.of(name) : List.of(name, root)) {
                for (String pattern : patterns) {
                    Path jar = Path.of(pattern.replace("?", candidate.replace('.', '/')));
                    if (!Files.isRegularFile(jar)) {
                        tried.append("\n\tno file '").append(jar).append('\'');
                        continue;
                    }
                    JavaModule m = modules(jar).get(name);
                    if (m == null) {
                        tried.append("\n\tno module '").append(name).append("' in file '").append(jar).append('\'');
                        continue;
                    }
                    return LuaFn.of(name, x -> m.open(body));
                }
            }
            return LuaValue.valueOf(tried.toString());
        });
    }

    private Map<String, JavaModule> modules(Path jar) {
        return jars.computeIfAbsent(jar.toAbsolutePath().normalize(), JavaModulePath::open);
    }

    private static Map<String, JavaModule> open(Path jar) {
        URL url;
        try {
            url = jar.toUri().toURL();
        } catch (MalformedURLException e) {
            throw new LuaError("cannot open " + jar + ": " + e.getMessage());
        }
        // never closed: the modules' classes stay in use for the node's life
        URLClassLoader loader = new URLClassLoader("javapath:" + jar.getFileName(), new URL[] {url}, JavaModule.class.getClassLoader());
        Map<String, JavaModule> byName = new HashMap<>();
        try {
            for (ServiceLoader.Provider<JavaModule> p : ServiceLoader.load(JavaModule.class, loader).stream().toList()) {
                if (p.type().getClassLoader() != loader) continue; // skynetj's own, not this jar's
                JavaModule m = p.get();
                byName.put(m.name(), m);
            }
        } catch (java.util.ServiceConfigurationError | RuntimeException | LinkageError e) {
            throw new LuaError("cannot load Java modules from " + jar + ": " + e.getMessage());
        }
        return Map.copyOf(byName);
    }

}
