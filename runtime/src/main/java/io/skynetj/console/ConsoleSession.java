package io.skynetj.console;

import java.io.BufferedInputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One console connection, speaking skynet's protocol: a greeting, then one command per line, each
 * answered by its output and {@code <CMD OK>} or {@code <CMD Error>}. A line starting with
 * {@code GET } or {@code POST } is a one-shot HTTP request ({@code GET /cmd/arg1/arg2}, or POST with the
 * command line as body); the connection closes after its command. As in skynet the reply is the raw
 * console text, greeting included (use {@code curl --http0.9}).
 *
 * <p>When the console has a token, nothing but {@code auth <token>} (or, over HTTP, the header
 * {@code Authorization: Bearer <token>}) is accepted until the token has been given.
 */
final class ConsoleSession implements Runnable {
    private static final Duration IDLE_TIMEOUT = Duration.ofMinutes(15);
    private static final Duration AUTH_TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_AUTH_FAILURES = 3;
    private static final int MAX_HEADERS = 64;

    private final Socket socket;
    private final ConsoleService console;
    private final CommandTable commands;
    private final byte[] token;
    private final AuditLog audit;
    private final String peer;
    private Writer out;
    private boolean authenticated;
    private int authFailures;

    ConsoleSession(Socket socket, ConsoleService console, String token, AuditLog audit) {
        this.socket = socket;
        this.console = console;
        this.commands = console.commands();
        this.token = token == null ? null : token.getBytes(StandardCharsets.UTF_8);
        this.audit = audit;
        this.peer = socket.getRemoteSocketAddress() instanceof InetSocketAddress a ? ConsoleService.hostPort(a) : "unknown";
        this.authenticated = token == null;
    }

    @Override
    public void run() {
        try {
            socket.setSoTimeout((int) (authenticated ? IDLE_TIMEOUT : AUTH_TIMEOUT).toMillis());
            out = new BufferedWriter(new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8));
            LineReader in = new LineReader(new BufferedInputStream(socket.getInputStream()));
            write(List.of("Welcome to skynet console"));
            serve(in);
        } catch (LineReader.LineTooLong e) {
            tryWrite(List.of(e.getMessage(), CommandTable.ERROR));
        } catch (SocketTimeoutException e) {
            tryWrite(List.of("Closing the connection: idle too long"));
        } catch (IOException e) {
            // the peer went away or the console closed: nothing to tell anybody
        }
    }

    private void serve(LineReader in) throws IOException {
        for (;;) {
            String line = in.readLine();
            if (line == null) return;
            if (line.startsWith("GET ") || line.startsWith("POST ")) {
                http(line, in);
                return;
            }
            if (line.isBlank()) continue;
            if (authenticated) {
                write(commands.execute(console, line, peer, audit));
            } else if (!authenticate(line)) {
                return;
            }
        }
    }

    /** Handles a line sent before the token; returns false when the connection must close. */
    private boolean authenticate(String line) throws IOException {
        String[] words = line.strip().split("\\s+", 2);
        if (!words[0].equals("auth")) {
            write(List.of("Authentication required: send auth <token> first", CommandTable.ERROR));
            return true;
        }
        if (words.length == 2 && tokenMatches(words[1].strip())) {
            authenticated = true;
            socket.setSoTimeout((int) IDLE_TIMEOUT.toMillis());
            write(List.of("Authenticated", CommandTable.OK));
            return true;
        }
        audit.record(peer, "auth", "Error: wrong token");
        if (++authFailures >= MAX_AUTH_FAILURES) {
            write(List.of("Authentication failed; closing the connection", CommandTable.ERROR));
            return false;
        }
        write(List.of("Authentication failed", CommandTable.ERROR));
        return true;
    }

    private boolean tokenMatches(String given) {
        return given != null && MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8));
    }

    private void http(String requestLine, LineReader in) throws IOException {
        Map<String, String> headers = new HashMap<>();
        for (String h = in.readLine(); h != null && !h.isEmpty(); h = in.readLine()) {
            if (headers.size() >= MAX_HEADERS) {
                write(List.of("Too many HTTP headers", CommandTable.ERROR));
                return;
            }
            int colon = h.indexOf(':');
            if (colon > 0) headers.put(h.substring(0, colon).strip().toLowerCase(Locale.ROOT), h.substring(colon + 1).strip());
        }
        String command;
        if (requestLine.startsWith("GET ")) {
            String[] parts = requestLine.split(" ");
            command = commandOfPath(parts.length > 1 ? parts[1] : "/");
        } else {
            int length = contentLength(headers.get("content-length"));
            if (length < 0 || length > LineReader.MAX_LINE) {
                write(List.of("POST needs a Content-Length of at most " + LineReader.MAX_LINE + " bytes", CommandTable.ERROR));
                return;
            }
            command = in.readBytes(length);
        }
        if (!authenticated) {
            String auth = headers.getOrDefault("authorization", "");
            if (!auth.startsWith("Bearer ") || !tokenMatches(auth.substring(7).strip())) {
                audit.record(peer, "http auth", "Error: missing or wrong token");
                write(List.of("Authentication required: send the header Authorization: Bearer <token>", CommandTable.ERROR));
                return;
            }
        }
        write(commands.execute(console, command, peer, audit));
    }

    /** {@code /cmd/arg1/arg2?query} → {@code cmd arg1 arg2} (percent-escapes decoded). */
    private static String commandOfPath(String target) {
        int query = target.indexOf('?');
        String path = query >= 0 ? target.substring(0, query) : target;
        try {
            path = URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            // a malformed escape: keep the path as sent
        }
        return (path.startsWith("/") ? path.substring(1) : path).replace('/', ' ');
    }

    private static int contentLength(String value) {
        try {
            return value == null ? 0 : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private void write(List<String> lines) throws IOException {
        for (String l : lines) {
            out.write(l);
            out.write('\n');
        }
        out.flush();
    }

    private void tryWrite(List<String> lines) {
        try {
            if (out != null) write(lines);
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
