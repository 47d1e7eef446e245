package io.skynetj.cache;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;

/**
 * The version of one compiled Lua file: a hash of its source bytes and when it was read and compiled.
 * Two services running the same hash run the same code.
 *
 * <p>The hash is taken when first asked for (the console, the observer, upgrades), not at compile
 * time: a node's start compiles skynet.lua and its system services while the JVM still interprets
 * the digest, and the first digest also sets up the JDK's security providers.
 */
public final class CodeVersion {
    private final Instant compiledAt;
    /** The source until the hash is taken; then null. */
    private byte[] source;
    private String hash;

    CodeVersion(byte[] source, Instant compiledAt) {
        this.source = source;
        this.compiledAt = compiledAt;
    }

    /** The first 12 hex digits of the SHA-256 of the source bytes. */
    public synchronized String hash() {
        if (hash == null) {
            hash = hashOf(source);
            source = null;
        }
        return hash;
    }

    public Instant compiledAt() {
        return compiledAt;
    }

    static String hashOf(byte[] source) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(source);
            return HexFormat.of().formatHex(d, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CodeVersion v && compiledAt.equals(v.compiledAt) && hash().equals(v.hash());
    }

    @Override
    public int hashCode() {
        return 31 * hash().hashCode() + compiledAt.hashCode();
    }

    @Override
    public String toString() {
        return hash() + "@" + compiledAt;
    }
}
