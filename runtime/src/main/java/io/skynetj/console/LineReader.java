package io.skynetj.console;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/**
 * Reads console input line by line with a cap on line length, so a peer sending endless bytes
 * without a newline costs a bounded buffer. Bytes are decoded as UTF-8; invalid sequences become
 * U+FFFD, so binary garbage turns into an unknown command rather than an exception.
 */
final class LineReader {
    static final int MAX_LINE = 16 * 1024;

    private final InputStream in;

    LineReader(InputStream in) {
        this.in = in;
    }

    /** A line too long to be a command. */
    static final class LineTooLong extends IOException {
        LineTooLong() {
            super("Line too long (more than " + MAX_LINE + " bytes); closing the connection", null);
        }
    }

    /** The next line without its {@code \n} (and {@code \r}); null at end of input. */
    String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (;;) {
            int b = in.read();
            if (b < 0) return line.size() == 0 ? null : decode(line);
            if (b == '\n') return decode(line);
            if (line.size() >= MAX_LINE) throw new LineTooLong();
            line.write(b);
        }
    }

    /** Exactly {@code n} bytes (an HTTP body), decoded; fails when the input ends first. */
    String readBytes(int n) throws IOException {
        byte[] body = in.readNBytes(n);
        if (body.length < n) throw new IOException("request body ended early");
        return new String(body, StandardCharsets.UTF_8);
    }

    private static String decode(ByteArrayOutputStream line) {
        String s = line.toString(StandardCharsets.UTF_8);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }
}
