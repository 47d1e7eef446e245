package io.skynetj.lua;

import io.skynetj.lua.lib.LuaFn;
import io.skynetj.cache.CodeCache;
import io.skynetj.cache.CodeCacheStats;
import io.skynetj.cache.CodeVersion;
import java.util.Map;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

/**
 * {@code require "skynet.codecache"} (also {@code "skynet.cache"}, and {@code skynet.cache}): skynet's
 * {@code clear}, {@code mode} and {@code loadfile}, plus ours: {@code clear(path)} for one file or a
 * directory, {@code stats()} of the shared cache and {@code versions()} of the files this service loaded.
 */
final class CodeCacheModule {
    private CodeCacheModule() {}

    static LuaTable create(LuaServiceBody body) {
        CodeCache cache = body.runtime.cache();
        LuaTable m = new LuaTable(0, 8); // built for every service (skynet.cache): no growth
        // clear([path]) -> number of entries dropped
        m.set("clear", LuaFn.of("clear", a -> {
            if (a.isnil(1)) return LuaValue.valueOf(cache.clear());
            try {
                return LuaValue.valueOf(cache.clear(a.checkjstring(1)));
            } catch (IllegalArgumentException e) {
                throw new LuaError(e.getMessage());
            }
        }));
        // mode() -> "ON" | "EXIST" | "OFF"; mode(m) sets this service's mode
        m.set("mode", LuaFn.of("mode", a -> {
            if (a.isnil(1)) return LuaValue.valueOf(body.loader.mode().name());
            body.loader.mode(a.checkjstring(1));
            return LuaValue.NONE;
        }));
        m.set("loadfile", body.globals.get("loadfile"));
        m.set("stats", LuaFn.of("stats", a -> stats(cache.stats())));
        // versions() -> { [path] = { hash = "…", time = <seconds since the epoch> } }
        m.set("versions", LuaFn.of("versions", a -> versions(body.loader.versions())));
        return m;
    }

    private static LuaTable stats(CodeCacheStats s) {
        LuaTable t = new LuaTable();
        t.set("hits", s.hits());
        t.set("misses", s.misses());
        t.set("compile_failures", s.compileFailures());
        t.set("evictions", s.evictions());
        t.set("entries", s.entries());
        return t;
    }

    private static LuaTable versions(Map<String, CodeVersion> versions) {
        LuaTable t = new LuaTable();
        versions.forEach((path, v) -> {
            LuaTable entry = new LuaTable();
            entry.set("hash", v.hash());
            entry.set("time", v.compiledAt().toEpochMilli() / 1000.0);
            t.set(path, entry);
        });
        return t;
    }
}
