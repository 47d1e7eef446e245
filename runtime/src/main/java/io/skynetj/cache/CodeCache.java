package io.skynetj.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.Prototype;
import org.luaj.vm2.compiler.LuaC;

/**
 * The process-wide cache of compiled Lua files (skynet's codecache), keyed by the path as given
 * to the loader. A file is read and compiled once; {@link #clear()} makes later loads read the disk
 * again while running services keep the prototypes they already hold. A failed compile is never cached.
 */
public final class CodeCache {
    private final Cache<String, CompiledChunk> cache;

    public CodeCache(long maximumEntries) {
        cache = Caffeine.newBuilder().maximumSize(maximumEntries).recordStats().build();
    }

    /**
     * The compiled chunk for {@code path}, compiling it on first use (concurrent first loads compile
     * once). Throws {@link NoSuchFileException} when the file cannot be read and {@link LuaError} with
     * {@code file:line: message} when it does not compile.
     */
    public CompiledChunk load(String path) throws IOException {
        try {
            return cache.get(path, CodeCache::compileUnchecked);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Compiles without touching the cache (mode "OFF"). */
    public static CompiledChunk compile(String path) throws IOException {
        byte[] source = Files.readAllBytes(Path.of(path));
        Prototype p = LuaC.instance.compile(new ByteArrayInputStream(source), "@" + path);
        return new CompiledChunk(path, p, version(source), System.currentTimeMillis());
    }

    private static CompiledChunk compileUnchecked(String path) {
        try {
            return compile(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The cached chunk for {@code path}, or null (mode "EXIST"). */
    public CompiledChunk peek(String path) {
        return cache.getIfPresent(path);
    }

    /** Drops every entry. */
    public void clear() {
        cache.invalidateAll();
    }

    public long size() {
        return cache.estimatedSize();
    }

    public CacheStats stats() {
        return cache.stats();
    }

    private static String version(byte[] source) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(source);
            return HexFormat.of().formatHex(d, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
