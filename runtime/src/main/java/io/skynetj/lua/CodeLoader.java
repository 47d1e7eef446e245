package io.skynetj.lua;

import io.skynetj.cache.CodeCache;
import io.skynetj.cache.CodeVersion;
import io.skynetj.cache.CompiledChunk;
import java.io.IOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * One service's file loader: every {@code loadfile}, {@code dofile}, {@code require}, the preload file
 * and the service's main file go through the shared {@link CodeCache} (mode ON, EXIST or OFF as skynet's
 * {@code codecache.mode}); each load is a fresh closure with this service's environment. It records the
 * version of every file the service loaded.
 */
final class CodeLoader {
    /** skynet's codecache modes: use and fill the cache, use it only when the file is there, bypass it. */
    enum Mode { ON, EXIST, OFF }

    private final CodeCache cache;
    private Mode mode = Mode.ON;
    /** Cache key → chunk of every file this service loaded (the latest if loaded again); read by other threads. */
    private final Map<String, CompiledChunk> loaded = Collections.synchronizedMap(new LinkedHashMap<>());
    /** Chunks this service must use instead of the cache (an instance rolled back to older code). */
    private Map<String, CompiledChunk> pinned = Map.of();

    CodeLoader(CodeCache cache) {
        this.cache = cache;
    }

    /** Loads a file as a function with environment {@code env}; raises {@code cannot open <file>} or the compile error. */
    LuaFunction load(String filename, LuaValue env) {
        return closure(fetch(filename), env);
    }

    /** A fresh closure over {@code chunk} with environment {@code env}, recorded as code this service runs. */
    LuaFunction closure(CompiledChunk chunk, LuaValue env) {
        loaded.put(chunk.path(), chunk);
        return new LuaClosure(chunk.prototype(), env);
    }

    private CompiledChunk fetch(String filename) {
        try {
            CompiledChunk pin = pinned.isEmpty() ? null : pinned.get(CodeCache.key(filename));
            if (pin != null) return pin;
            return switch (mode) {
                case ON -> cache.load(filename);
                case EXIST -> {
                    CompiledChunk hit = cache.loadIfCached(filename);
                    yield hit != null ? hit : CodeCache.compile(filename);
                }
                case OFF -> CodeCache.compile(filename);
            };
        } catch (IOException e) {
            throw new LuaError("cannot open " + filename);
        }
    }

    Mode mode() {
        return mode;
    }

    void mode(String name) {
        try {
            mode = Mode.valueOf(name);
        } catch (IllegalArgumentException e) {
            throw new LuaError("invalid codecache mode " + name + " (ON, EXIST or OFF)");
        }
    }

    /** A snapshot, in first-load order. */
    Map<String, CodeVersion> versions() {
        Map<String, CodeVersion> versions = new LinkedHashMap<>();
        chunks().forEach((path, chunk) -> versions.put(path, chunk.version()));
        return Collections.unmodifiableMap(versions);
    }

    /** The chunks this service loaded, in first-load order (a snapshot). */
    Map<String, CompiledChunk> chunks() {
        synchronized (loaded) {
            return Collections.unmodifiableMap(new LinkedHashMap<>(loaded));
        }
    }

    /** Makes this service load these chunks (by cache key) instead of what the cache or disk holds. */
    void pin(Map<String, CompiledChunk> chunks) {
        pinned = Map.copyOf(chunks);
    }

    /** Lua's {@code loadfile(filename [, mode [, env]])}: the function, or nil and the message. */
    LuaFunction loadfileFunction(LuaValue globals) {
        return new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                LuaValue env = args.narg() >= 3 ? args.arg(3) : globals;
                try {
                    return CodeLoader.this.load(args.checkjstring(1), env);
                } catch (LuaError e) {
                    return varargsOf(NIL, valueOf(e.getMessage()));
                }
            }
        };
    }

    /** Lua's {@code dofile(filename)}: runs the file and returns its results; errors propagate. */
    LuaFunction dofileFunction(LuaValue globals) {
        return new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                return CodeLoader.this.load(args.checkjstring(1), globals).invoke();
            }
        };
    }
}
