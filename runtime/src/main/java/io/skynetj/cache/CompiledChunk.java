package io.skynetj.cache;

import org.luaj.vm2.Prototype;

/**
 * One compiled Lua file: its cache key (normalized absolute path), the shared, immutable prototype
 * and its code version. Every load makes a fresh closure over the prototype, so no module state is shared.
 */
public record CompiledChunk(String path, Prototype prototype, CodeVersion version) {}
