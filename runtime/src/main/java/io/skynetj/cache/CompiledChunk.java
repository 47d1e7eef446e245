package io.skynetj.cache;

import org.luaj.vm2.Prototype;

/**
 * One compiled Lua file: the shared, immutable prototype and its code version (a hash of the
 * source bytes). Every load makes a fresh closure over the prototype, so no module state is shared.
 */
public record CompiledChunk(String path, Prototype prototype, String version, long loadedAtMillis) {}
