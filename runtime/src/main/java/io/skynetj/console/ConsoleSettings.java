package io.skynetj.console;

import io.skynetj.lua.LuaRuntime.LaunchException;
import java.net.InetSocketAddress;

/**
 * Where a console listens and the token it asks for. The address is {@code "port"} (on 127.0.0.1, as
 * skynet) or {@code "host:port"}; port 0 picks a free port. A console reachable from other machines
 * must have a token: without one anybody who can connect could inject code into the node.
 */
public record ConsoleSettings(InetSocketAddress bind, String token) {

    /** Parses the config value {@code console} (or the arguments of {@code newservice("debug_console", ...)}). */
    public static ConsoleSettings parse(String address, String token) {
        String spec = address.trim();
        String host = "127.0.0.1";
        String port = spec;
        int colon = spec.lastIndexOf(':');
        if (colon >= 0) {
            host = spec.substring(0, colon).replace("[", "").replace("]", "");
            port = spec.substring(colon + 1);
            if (host.isEmpty()) host = "127.0.0.1";
        }
        return of(host, port, token);
    }

    /** skynet's {@code newservice("debug_console", [ip,] port)}. */
    static ConsoleSettings of(String host, String port, String token) {
        int p;
        try {
            p = Integer.parseInt(port.trim());
        } catch (NumberFormatException e) {
            throw new LaunchException("console: '" + port + "' is not a port number");
        }
        if (p < 0 || p > 65535) throw new LaunchException("console: port " + p + " is out of range (0-65535)");
        InetSocketAddress bind = new InetSocketAddress(host, p);
        if (bind.isUnresolved()) throw new LaunchException("console: unknown host '" + host + "'");
        String t = token == null || token.isBlank() ? null : token.trim();
        if (t == null && !bind.getAddress().isLoopbackAddress())
            throw new LaunchException("console: " + host + ":" + p + " accepts connections from other machines;"
                + " set console_token in the config to require a token, or listen on 127.0.0.1");
        return new ConsoleSettings(bind, t);
    }
}
