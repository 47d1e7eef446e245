package io.skynetj.console;

import java.io.BufferedInputStream;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.PushbackInputStream;
import java.io.Writer;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.List;

/**
 * One console connection. Its first bytes tell which protocol the client speaks: an HTTP request
 * (a browser, curl, a Prometheus scraper) is answered by {@link ConsoleHttp} with a proper HTTP/1.1
 * response; anything else at once, or nothing within {@link #SNIFF_TIMEOUT} (nc waits for the greeting), gets
 * skynet's protocol: a greeting, then one command per line, each answered by its output and
 * {@code <CMD OK>} or {@code <CMD Error>}. A line protocol client that sends a request line
 * ({@code GET /list HTTP/1.1}) after the greeting is answered over HTTP too, as skynet does.
 *
 * <p>When the console has a token, a line protocol client must send {@code auth <token>} before
 * anything else; an HTTP request carries it (see {@link ConsoleHttp}).
 */
final class ConsoleSession implements Runnable {
    private static final Duration IDLE_TIMEOUT = Duration.ofMinutes(15);
    private static final Duration AUTH_TIMEOUT = Duration.ofSeconds(30);
    /**
     * How long a new connection may stay silent before it is taken for a line protocol client (nc
     * waits for the greeting). HTTP clients send at once, but a loaded machine can delay that by
     * hundreds of milliseconds, and an HTTP client greeted by mistake cannot recover.
     */
    static final Duration SNIFF_TIMEOUT = Duration.ofSeconds(1);
    private static final int MAX_AUTH_FAILURES = 3;
    private static final List<String> HTTP_METHODS = List.of("GET ", "POST", "HEAD", "PUT ", "DELE", "OPTI", "PATC", "CONN", "TRAC");

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
            PushbackInputStream raw = new PushbackInputStream(new BufferedInputStream(socket.getInputStream()), 4);
            out = new BufferedWriter(new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8));
            LineReader in = new LineReader(raw);
            if (speaksHttp(raw)) {
                socket.setSoTimeout((int) AUTH_TIMEOUT.toMillis());
                String requestLine = in.readLine();
                if (requestLine != null) http(requestLine, in);
                return;
            }
            socket.setSoTimeout((int) (authenticated ? IDLE_TIMEOUT : AUTH_TIMEOUT).toMillis());
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

    /**
     * Reads the first bytes as long as they may still begin an HTTP method (at most four, or what comes
     * within the sniff timeout), puts them back, and says if they begin an HTTP request. A byte that
     * cannot begin one (a command's first letter, a blank line) decides at once: no wait for the greeting.
     */
    private boolean speaksHttp(PushbackInputStream in) throws IOException {
        socket.setSoTimeout((int) SNIFF_TIMEOUT.toMillis());
        byte[] first = new byte[4];
        int n = 0;
        try {
            while (n < first.length) {
                int b = in.read();
                if (b < 0) break;
                first[n++] = (byte) b;
                String prefix = new String(first, 0, n, StandardCharsets.ISO_8859_1);
                if (HTTP_METHODS.stream().noneMatch(m -> m.startsWith(prefix))) break;
            }
        } catch (SocketTimeoutException e) {
            // silent: a line protocol client waiting for the greeting
        }
        in.unread(first, 0, n);
        return n == first.length && HTTP_METHODS.contains(new String(first, StandardCharsets.ISO_8859_1));
    }

    private void serve(LineReader in) throws IOException {
        for (;;) {
            String line = in.readLine();
            if (line == null) return;
            if (HTTP_METHODS.contains(line.length() >= 4 ? line.substring(0, 4) : line) && line.contains(" HTTP/1.")) {
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
        OutputStream raw = socket.getOutputStream();
        HttpRequest request;
        try {
            request = HttpRequest.read(requestLine, in, () -> {
                raw.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1));
                raw.flush();
            });
        } catch (HttpRequest.Malformed e) {
            HttpResponse.text(e.status, e.getMessage()).write(raw, true);
            return;
        }
        HttpResponse response = new ConsoleHttp(console, this::tokenMatches, !authenticated, audit, peer).answer(request);
        response.write(raw, !request.method().equals("HEAD"));
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
