package io.skynetj.console;

import io.skynetj.lua.LuaRuntime.LaunchException;
import java.time.Duration;
import java.util.function.Function;

/**
 * What a console connection may cost the node, from the config:
 * <ul>
 *   <li>{@code console_max_connections} (default 16): connections served at once. When all are taken, a
 *       new client takes the slot of one that has not logged in yet, else of the one idle longest; it is
 *       refused only while every connection is running a command.
 *   <li>{@code console_idle_timeout} (seconds, default 120): a connection with no command for that long is closed.
 *   <li>{@code console_auth_timeout} (seconds, default 5): a client must log in ({@code auth <token>}) or
 *       send its whole HTTP request within that time of connecting.
 *   <li>{@code console_write_timeout} (seconds, default 10): a reply the client does not take within that
 *       time closes the connection, so a client that never reads holds no thread.
 * </ul>
 */
record ConsoleLimits(int maxConnections, Duration idleTimeout, Duration authTimeout, Duration writeTimeout) {
    static final ConsoleLimits DEFAULTS = new ConsoleLimits(16, Duration.ofSeconds(120), Duration.ofSeconds(5), Duration.ofSeconds(10));
    private static final int MAX_CONNECTIONS = 1024;
    private static final double MAX_SECONDS = 86_400;

    /** The limits named in a node's config ({@code getenv}); keys not set keep their defaults. */
    static ConsoleLimits of(Function<String, String> getenv) {
        return new ConsoleLimits(
            connections(getenv.apply("console_max_connections")),
            seconds("console_idle_timeout", getenv.apply("console_idle_timeout"), DEFAULTS.idleTimeout),
            seconds("console_auth_timeout", getenv.apply("console_auth_timeout"), DEFAULTS.authTimeout),
            seconds("console_write_timeout", getenv.apply("console_write_timeout"), DEFAULTS.writeTimeout));
    }

    private static int connections(String value) {
        if (value == null || value.isBlank()) return DEFAULTS.maxConnections;
        try {
            int n = Integer.parseInt(value.trim());
            if (n >= 1 && n <= MAX_CONNECTIONS) return n;
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new LaunchException("console_max_connections must be a whole number from 1 to " + MAX_CONNECTIONS + ", not " + value);
    }

    private static Duration seconds(String key, String value, Duration otherwise) {
        if (value == null || value.isBlank()) return otherwise;
        try {
            double s = Double.parseDouble(value.trim());
            if (s > 0 && s <= MAX_SECONDS) return Duration.ofNanos((long) (s * 1e9));
        } catch (NumberFormatException ignored) {
            // reported below
        }
        throw new LaunchException(key + " must be seconds above 0 and at most " + (long) MAX_SECONDS + ", not " + value);
    }
}
