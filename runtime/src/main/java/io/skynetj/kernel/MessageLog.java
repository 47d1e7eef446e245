package io.skynetj.kernel;

import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * skynet's per-service message log (console {@code logon}/{@code logoff}, config key {@code logpath}):
 * every message the service is given, as {@code :source type session time hex-bytes}, appended to
 * {@code <logpath>/<handle as 8 hex digits>.log}.
 */
final class MessageLog {
    /** C's ctime(): "Sun Dec  6 01:30:00 2026". */
    private static final DateTimeFormatter CTIME = DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ROOT);
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final Node node;
    private final PrintStream out;

    private MessageLog(Node node, PrintStream out) {
        this.node = node;
        this.out = out;
    }

    /** Opens the log of {@code handle}; null (after logging why) when there is no logpath or the file cannot be opened. */
    static MessageLog open(Node node, int handle) {
        String logpath = node.getenv("logpath");
        if (logpath == null) return null;
        String file = logpath + "/" + Address.format(handle).substring(1) + ".log";
        try {
            PrintStream out = new PrintStream(new FileOutputStream(file, true), false, StandardCharsets.ISO_8859_1);
            node.log(handle, "Open log file " + file);
            long now = node.now();
            Instant at = Instant.ofEpochSecond(node.startTime() + now / 100);
            out.print("open time: " + now + " " + CTIME.format(at.atZone(ZoneId.systemDefault())) + "\n");
            out.flush();
            return new MessageLog(node, out);
        } catch (IOException e) {
            node.log(handle, "Open log file " + file + " fail");
            return null;
        }
    }

    synchronized void write(Message m) {
        StringBuilder sb = new StringBuilder(48 + (m.data == null ? 0 : 2 * m.data.length));
        sb.append(Address.format(m.source)).append(' ').append(m.type).append(' ').append(m.session).append(' ').append(node.now()).append(' ');
        if (m.data != null) for (byte b : m.data) sb.append(HEX[(b >> 4) & 15]).append(HEX[b & 15]);
        out.print(sb.append('\n'));
        out.flush();
    }

    synchronized void close(int handle) {
        node.log(handle, "Close log file " + Address.format(handle));
        out.print("close time: " + node.now() + "\n");
        out.close();
    }
}
