package io.skynetj.cache;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import com.github.benmanes.caffeine.cache.stats.ConcurrentStatsCounter;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Predicate;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.Prototype;
import org.luaj.vm2.compiler.LuaC;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process-wide cache of compiled Lua files (skynet's codecache). A file is read and compiled once;
 * later loads, in any service, get the same prototype without touching the disk. {@link #clear()} makes
 * later loads read the disk again, while running services keep the prototypes they hold; a prototype
 * no service holds any more is garbage (skynet keeps old ones forever). A failed compile is never cached.
 *
 * <p>Keys are normalized absolute paths, so {@code ./service/x.lua} and its absolute spelling are one
 * entry; skynet keys on the raw string and would hold two. Normalizing is string work only (no
 * symlink resolution), so a cached load stays off the disk.
 */
public final class CodeCache {
    private static final Logger LOG = LoggerFactory.getLogger(CodeCache.class);

    private final ConcurrentStatsCounter counters = new ConcurrentStatsCounter();
    private final Cache<String, CompiledChunk> cache;
    /**
     * Compiles hold the read side, clears the write side. A compile that read the disk before a clear
     * has therefore put its entry in the cache by the time the clear looks, and is dropped with the rest.
     */
    private final ReadWriteLock clearing = new ReentrantReadWriteLock();

    public CodeCache(long maximumEntries) {
        cache = Caffeine.newBuilder()
            .maximumSize(maximumEntries)
            .recordStats(() -> counters)
            .executor(Runnable::run) // evict on the loading thread: sizes and counts are current when read
            .build();
    }

    /**
     * The compiled chunk for {@code path}, compiling it on first use (concurrent first loads of a file
     * compile it once). Throws {@link NoSuchFileException} (or another {@link IOException}) when the file
     * cannot be read and {@link LuaError} with {@code file:line: message} when it does not compile.
     */
    public CompiledChunk load(String path) throws IOException {
        String key = key(path);
        CompiledChunk hit = countedHit(key);
        if (hit != null) return hit;
        clearing.readLock().lock();
        try {
            return cache.get(key, k -> compileUnchecked(path));
        } catch (UncheckedIOException e) {
            throw e.getCause();
        } finally {
            clearing.readLock().unlock();
        }
    }

    /** The cached chunk for {@code path}, counted as a hit, or null without compiling (skynet's mode "EXIST"). */
    public CompiledChunk loadIfCached(String path) throws IOException {
        return countedHit(key(path));
    }

    /** A lock-free lookup; hits are counted by hand because the map view does not count them. */
    private CompiledChunk countedHit(String key) {
        CompiledChunk hit = cache.asMap().get(key);
        if (hit != null) counters.recordHits(1);
        return hit;
    }

    /** What is cached for {@code path}, or null; for inspection, so not counted. */
    public CompiledChunk cached(String path) {
        return cache.asMap().get(normalize(path).toString());
    }

    /**
     * Reads and compiles {@code path} without touching the cache (mode "OFF" and misses of mode "EXIST").
     * The chunk name in error messages and {@code debug.getinfo} is {@code path} as given.
     */
    public static CompiledChunk compile(String path) throws IOException {
        String key = key(path);
        byte[] source = Files.readAllBytes(Path.of(key));
        Prototype p = LuaC.instance.compile(new ByteArrayInputStream(source), "@" + path);
        return new CompiledChunk(key, p, new CodeVersion(source, Instant.now()));
    }

    private static CompiledChunk compileUnchecked(String path) {
        try {
            return compile(path);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Drops every entry; returns how many. */
    public int clear() {
        return drop(key -> true, "all files");
    }

    /**
     * Drops the entry of a file, or of every file under a directory; returns how many. A relative
     * {@code pathOrPrefix} is resolved against the node's working directory. Prefixes match whole path
     * components: {@code /srv/svc} covers {@code /srv/svc/a.lua}, not {@code /srv/svc2.lua}. Throws
     * {@link IllegalArgumentException} for a blank or malformed path (blank would mean the working directory).
     */
    public int clear(String pathOrPrefix) {
        if (pathOrPrefix.isBlank()) throw new IllegalArgumentException("clear needs a file or directory; clear() clears all");
        Path prefix = normalize(pathOrPrefix);
        return drop(key -> Path.of(key).startsWith(prefix), prefix.toString());
    }

    private int drop(Predicate<String> which, String what) {
        int dropped = 0;
        clearing.writeLock().lock();
        try {
            for (String key : cache.asMap().keySet())
                if (which.test(key) && cache.asMap().remove(key) != null) dropped++;
        } finally {
            clearing.writeLock().unlock();
        }
        LOG.info("code cache cleared for {}: {} entries dropped", what, dropped);
        return dropped;
    }

    public CodeCacheStats stats() {
        CacheStats s = cache.stats();
        return new CodeCacheStats(s.hitCount(), s.missCount(), s.loadFailureCount(), s.evictionCount(), cache.estimatedSize());
    }

    /** The cache key of a path: absolute and normalized. */
    public static String key(String path) throws NoSuchFileException {
        try {
            return normalize(path).toString();
        } catch (InvalidPathException e) {
            throw new NoSuchFileException(path, null, e.getReason());
        }
    }

    private static Path normalize(String path) {
        return Path.of(path).toAbsolutePath().normalize();
    }

    /** The version hash of what a file holds on disk now, or null when it cannot be read. */
    public static String diskVersion(String path) {
        try {
            return CodeVersion.hashOf(Files.readAllBytes(Path.of(path)));
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }
}
