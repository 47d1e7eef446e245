package io.skynetj.observer;

import io.skynetj.cache.CodeCache;
import io.skynetj.cache.CodeVersion;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * Whether the code a service runs is still what is on disk. One instance per listing: each file is
 * looked at once however many services loaded it. A file is read and hashed again only when its
 * modification time or size has changed since the last look (the page asks every second); as git does
 * against "racy" files, a hash is not reused for a file modified within {@link #RACY_NANOS} of when it
 * was read, since a rewrite in the same clock tick would keep both time and size.
 */
public final class CodeAge {
    private record Seen(long modified, long size, String version) {}

    private static final long RACY_NANOS = 2_000_000_000L;
    private static final Map<String, Seen> SEEN = new ConcurrentHashMap<>();
    private final Map<String, String> onDisk = new HashMap<>();

    /** The version of {@code path} on disk now, or {@code "missing"}. */
    public String diskVersion(String path) {
        return onDisk.computeIfAbsent(path, CodeAge::lookAt);
    }

    private static String lookAt(String path) {
        BasicFileAttributes a;
        try {
            a = Files.readAttributes(Path.of(path), BasicFileAttributes.class);
        } catch (IOException | RuntimeException e) {
            SEEN.remove(path);
            return "missing";
        }
        long modified = a.lastModifiedTime().to(TimeUnit.NANOSECONDS);
        Seen seen = SEEN.get(path);
        if (seen != null && seen.modified() == modified && seen.size() == a.size()) return seen.version();
        String v = CodeCache.diskVersion(path);
        if (v == null) return "missing";
        if (Instant.now().minusNanos(RACY_NANOS).isAfter(a.lastModifiedTime().toInstant())) SEEN.put(path, new Seen(modified, a.size(), v));
        else SEEN.remove(path);
        return v;
    }

    private boolean isOld(String path, CodeVersion loaded) {
        return !diskVersion(path).equals(loaded.hash());
    }

    /** How many of {@code versions} (path → version loaded) have changed on disk since. */
    public int oldFiles(Map<String, CodeVersion> versions) {
        int old = 0;
        for (Map.Entry<String, CodeVersion> e : versions.entrySet()) if (isOld(e.getKey(), e.getValue())) old++;
        return old;
    }
}
