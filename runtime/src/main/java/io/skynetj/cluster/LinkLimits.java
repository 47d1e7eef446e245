package io.skynetj.cluster;

import java.util.function.Function;

/**
 * What one cluster link may make this node hold, from the config; the defaults are far above what real
 * skynet traffic needs, and a peer going beyond them loses only its own link:
 * <ul>
 *   <li>{@code cluster_max_message} (bytes, default 64 MiB): the largest request or reply a peer may
 *       announce or send in parts (skynet cuts large ones into 32 KiB parts; the whole is limited here).
 *   <li>{@code cluster_max_sessions} (default 65536): requests on one incoming link at once (being
 *       reassembled or waiting for their reply), and multi-part replies being reassembled on an outgoing one.
 *   <li>{@code cluster_handshake_timeout} (seconds, default 10): an accepted connection that has not sent
 *       a request (or, with {@code cluster_secret}, authenticated) by then is closed. A link that has sent
 *       one is never closed for being idle, as in skynet: real peers keep idle links for their next call.
 * </ul>
 */
record LinkLimits(long maxMessage, int maxSessions, long handshakeTimeoutMillis) {
    static final LinkLimits DEFAULTS = new LinkLimits(64L << 20, 65_536, 10_000);

    static LinkLimits of(Function<String, String> getenv) {
        return new LinkLimits(
            (long) number(getenv, "cluster_max_message", DEFAULTS.maxMessage, 1, Integer.MAX_VALUE - 8, "bytes"),
            (int) number(getenv, "cluster_max_sessions", DEFAULTS.maxSessions, 1, Integer.MAX_VALUE, "requests"),
            (long) (1000 * number(getenv, "cluster_handshake_timeout", DEFAULTS.handshakeTimeoutMillis / 1000.0, 0.001, 86_400, "seconds")));
    }

    private static double number(Function<String, String> getenv, String key, double otherwise, double min, double max, String unit) {
        String value = getenv.apply(key);
        if (value == null || value.isBlank()) return otherwise;
        try {
            double v = Double.parseDouble(value.trim());
            if (v >= min && v <= max) return v;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new IllegalArgumentException(key + " must be " + unit + " from " + fmt(min) + " to " + fmt(max) + ", not " + value);
    }

    private static String fmt(double v) {
        return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
}
