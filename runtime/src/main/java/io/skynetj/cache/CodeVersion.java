package io.skynetj.cache;

import java.time.Instant;

/**
 * The version of one compiled Lua file: a hash of its source bytes and when it was read and compiled.
 * Two services running the same hash run the same code.
 */
public record CodeVersion(String hash, Instant compiledAt) {
    @Override
    public String toString() {
        return hash + "@" + compiledAt;
    }
}
