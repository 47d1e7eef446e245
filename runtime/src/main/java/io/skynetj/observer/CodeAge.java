package io.skynetj.observer;

import io.skynetj.cache.CodeCache;
import io.skynetj.cache.CodeVersion;
import java.util.HashMap;
import java.util.Map;

/**
 * Whether the code a service runs is still what is on disk. One instance per listing: each file is
 * read and hashed once however many services loaded it.
 */
public final class CodeAge {
    private final Map<String, String> onDisk = new HashMap<>();

    /** The version of {@code path} on disk now, or {@code "missing"}. */
    public String diskVersion(String path) {
        return onDisk.computeIfAbsent(path, p -> {
            String v = CodeCache.diskVersion(p);
            return v == null ? "missing" : v;
        });
    }

    public boolean isOld(String path, CodeVersion loaded) {
        return !diskVersion(path).equals(loaded.hash());
    }

    /** How many of {@code versions} (path → version loaded) have changed on disk since. */
    public int oldFiles(Map<String, CodeVersion> versions) {
        int old = 0;
        for (Map.Entry<String, CodeVersion> e : versions.entrySet()) if (isOld(e.getKey(), e.getValue())) old++;
        return old;
    }
}
