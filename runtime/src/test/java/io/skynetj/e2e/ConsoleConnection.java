package io.skynetj.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** A console client for tests: a real TCP connection, read with the test deadline. */
final class ConsoleConnection implements AutoCloseable {
    final Socket socket;
    private final BufferedReader in;
    private final OutputStream out;

    /** Connects without reading the greeting. */
    static ConsoleConnection raw(int port) throws IOException {
        return new ConsoleConnection(port);
    }

    /**
     * Connects and checks skynet's greeting. Sends a blank line first (ignored by the console), as the
     * CLI does, so the greeting comes at once rather than after the console's wait for an HTTP request.
     */
    static ConsoleConnection open(int port) throws IOException {
        ConsoleConnection c = new ConsoleConnection(port);
        c.send("\n");
        assertEquals("Welcome to skynet console", c.readLine());
        return c;
    }

    private ConsoleConnection(int port) throws IOException {
        socket = new Socket("127.0.0.1", port);
        socket.setSoTimeout((int) TestNode.DEADLINE.toMillis());
        in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
        out = socket.getOutputStream();
    }

    /** Sends one command line; returns the reply lines up to and including {@code <CMD OK>}/{@code <CMD Error>}. */
    List<String> command(String line) throws IOException {
        send(line + "\n");
        return reply();
    }

    List<String> reply() throws IOException {
        List<String> lines = new ArrayList<>();
        for (;;) {
            String l = readLine();
            if (l == null) throw new AssertionError("connection closed; got " + lines);
            lines.add(l);
            if (l.equals("<CMD OK>") || l.equals("<CMD Error>")) return lines;
        }
    }

    void send(String text) throws IOException {
        send(text.getBytes(StandardCharsets.UTF_8));
    }

    void send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
    }

    String readLine() throws IOException {
        return in.readLine();
    }

    /** Everything until the console closes the connection. */
    List<String> readToEnd() throws IOException {
        List<String> lines = new ArrayList<>();
        for (String l = readLine(); l != null; l = readLine()) lines.add(l);
        return lines;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
