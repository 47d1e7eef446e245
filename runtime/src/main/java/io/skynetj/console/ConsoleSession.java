package io.skynetj.console;

import io.skynetj.kernel.DeadlineTimer;
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
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ScheduledFuture;

/**
 * One console connection. Its first bytes tell which protocol the client speaks: an HTTP request
 * (a browser, curl, a Prometheus scraper) is answered by {@link ConsoleHttp} with a proper HTTP/1.1
 * response; anything else at once, or nothing within {@link #SNIFF_TIMEOUT} (nc waits for the greeting), gets
 * skynet's protocol: a greeting, then one command per line, each answered by its output and
 * {@code <CMD OK>} or {@code <CMD Error>}. A line protocol client that sends a request line
 * ({@code GET /list HTTP/1.1}) after the greeting is answered over HTTP too, as skynet does.
 *
 * <p>When the console has a token, a line protocol client must send {@code auth <token>} before
 * anything else; an HTTP request carries it (see {@link ConsoleHttp}). What a connection may cost is
 * bounded by {@link ConsoleLimits}: it logs in (or sends its HTTP request) within the auth timeout, is
 * closed after the idle timeout without a command, and every write has a deadline. {@link ConsoleServer}
 * reads its {@link Phase} to choose which connection gives way when all slots are taken.
 */
final class ConsoleSession implements Runnable {
    /**
     * How long a new connection may stay silent before it is taken for a line protocol client (nc
     * waits for the greeting). HTTP clients send at once, but a loaded machine can delay that by
     * hundreds of milliseconds, and an HTTP client greeted by mistake cannot recover.
     */
    static final Duration SNIFF_TIMEOUT = Duration.ofSeconds(1);
    private static final int MAX_AUTH_FAILURES = 3;
    private static final List<String> HTTP_METHODS = List.of("GET ", "POST", "HEAD", "PUT ", "DELE", "OPTI", "PATC", "CONN", "TRAC");

    /** What the connection is doing: logging in (or sending its HTTP request), waiting for a command, or working. */
    enum Phase { LOGIN, IDLE, BUSY }

    private final Socket socket;
    private final ConsoleService console;
    private final CommandTable commands;
    private final TokenGate gate;
    private final ConsoleLimits limits;
    private final AuditLog audit;
    private final String peer;
    private final String host;
    private Writer out;
    private OutputStream raw;
    private boolean authenticated;
    private int authFailures;
    private volatile Phase phase = Phase.LOGIN;
    private volatile long phaseSince = System.nanoTime();
    /** Why the server ends this connection, told to a line protocol client; null while it may go on. */
    private volatile String ending;

    ConsoleSession(Socket socket, ConsoleService console, TokenGate gate, ConsoleLimits limits, AuditLog audit) {
        this.socket = socket;
        this.console = console;
        this.commands = console.commands();
        this.gate = gate;
        this.limits = limits;
        this.audit = audit;
        InetSocketAddress a = socket.getRemoteSocketAddress() instanceof InetSocketAddress i ? i : null;
        this.peer = a == null ? "unknown" : ConsoleService.hostPort(a);
        this.host = a == null ? "unknown" : a.getAddress().getHostAddress();
        this.authenticated = !gate.required();
    }

    Phase phase() {
        return phase;
    }

    /** When the current phase began (System.nanoTime). */
    long phaseSince() {
        return phaseSince;
    }

    private void enter(Phase p) {
        phase = p;
        phaseSince = System.nanoTime();
    }

    /**
     * Ends the connection from another thread: a line protocol client is told {@code why}. Shutting the
     * input down wakes the connection's thread from its read; it says why and closes.
     */
    void end(String why) {
        ending = why;
        try {
            socket.shutdownInput();
        } catch (IOException e) {
            closeSocket();
        }
    }

    private void closeSocket() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }

    @Override
    public void run() {
        ScheduledFuture<?> login = DeadlineTimer.after(limits.authTimeout().toMillis(), () -> {
            if (phase == Phase.LOGIN) end("Closing the connection: not logged in within " + seconds(limits.authTimeout()) + " s");
        });
        try {
            PushbackInputStream input = new PushbackInputStream(new BufferedInputStream(socket.getInputStream()), 4);
            raw = new WriteDeadline(socket.getOutputStream(), limits.writeTimeout(), this::writeExpired);
            out = new BufferedWriter(new OutputStreamWriter(raw, StandardCharsets.UTF_8));
            LineReader in = new LineReader(input);
            boolean http = speaksHttp(input);
            socket.setSoTimeout(0); // until it has logged in, the login deadline decides
            if (http) {
                String requestLine = in.readLine();
                if (requestLine != null) http(requestLine, in);
                return;
            }
            if (ending != null) { // ended while it was still silent
                tryWrite(List.of(ending));
                return;
            }
            write(List.of("Welcome to skynet console"));
            if (authenticated) loggedIn();
            serve(in);
        } catch (LineReader.LineTooLong e) {
            tryWrite(List.of(e.getMessage(), CommandTable.ERROR));
        } catch (SocketTimeoutException e) {
            tryWrite(List.of("Closing the connection: idle too long"));
        } catch (IOException e) {
            // the peer went away, the console closed or a write timed out: nothing to tell anybody
        } finally {
            login.cancel(false);
        }
    }

    private void loggedIn() throws IOException {
        authenticated = true;
        socket.setSoTimeout((int) limits.idleTimeout().toMillis());
        enter(Phase.IDLE);
    }

    private void writeExpired() {
        console.node().log(console.handle(), "console: closing the connection from " + peer + ": it did not take its output within "
            + seconds(limits.writeTimeout()) + " s");
        closeSocket();
    }

    private static String seconds(Duration d) {
        return d.toMillis() % 1000 == 0 ? String.valueOf(d.toSeconds()) : String.valueOf(d.toMillis() / 1000.0);
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
            if (line == null) {
                if (ending != null) tryWrite(List.of(ending));
                return;
            }
            if (HTTP_METHODS.contains(line.length() >= 4 ? line.substring(0, 4) : line) && line.contains(" HTTP/1.")) {
                enter(Phase.LOGIN);
                http(line, in);
                return;
            }
            if (line.isBlank()) continue;
            if (authenticated) {
                enter(Phase.BUSY);
                write(commands.execute(console, line, peer, audit));
                enter(Phase.IDLE);
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
        TokenGate.Verdict v = gate.check(peer, host, "auth", words.length == 2 ? words[1].strip() : null);
        if (v.accepted()) {
            write(List.of(v.message(), CommandTable.OK));
            loggedIn();
            return true;
        }
        if (++authFailures >= MAX_AUTH_FAILURES) {
            write(List.of(v.message() + "; closing the connection", CommandTable.ERROR));
            return false;
        }
        write(List.of(v.message(), CommandTable.ERROR));
        return true;
    }

    private void http(String requestLine, LineReader in) throws IOException {
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
        if (ending != null) return; // the request came too late, or the slot was given to another client
        enter(Phase.BUSY);
        HttpResponse response = new ConsoleHttp(console, gate, authenticated, audit, peer, host).answer(request);
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
