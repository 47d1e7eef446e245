package io.skynetj.cache;

/**
 * Counters of a code cache since it was made. {@code hits}: loads served from the cache.
 * {@code misses}: loads that read and compiled a file into the cache (concurrent first loads of one
 * file count once: the others wait and count as hits). {@code compileFailures}: misses whose file did
 * not compile (or could not be read); nothing was cached for them. {@code evictions}: entries dropped
 * because the cache was full (clears are not evictions). {@code entries}: the current size.
 */
public record CodeCacheStats(long hits, long misses, long compileFailures, long evictions, long entries) {}
