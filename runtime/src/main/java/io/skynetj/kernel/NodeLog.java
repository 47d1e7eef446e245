package io.skynetj.kernel;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;

/**
 * skynet's logger: lines from {@code skynet.error} (and the runtime's service-level errors). By
 * default written as {@code [:0000000a] text} to stdout, or with skynet's time prefix
 * ({@code 06/12/26 01:30:00.42 }) to the file named by the {@code logger} key. With
 * {@code logservice = "snlua"} they go instead, as PTYPE_TEXT messages from the logging service,
 * to the Lua service named {@code logger} ({@link #forwardTo}).
 */
public final class NodeLog {
    private final PrintStream out;
    private final boolean timestamps;
    private volatile Node node;
    private volatile int service;

    public NodeLog(PrintStream out, boolean timestamps) {
        this.out = out;
        this.timestamps = timestamps;
    }

    /** From now on, lines go to service {@code handle} of {@code node}; back to the stream once it is gone. */
    public void forwardTo(Node node, int handle) {
        this.node = node;
        this.service = handle;
    }

    void write(int source, String text) {
        Node n = node;
        if (n != null && n.send(source, service, Ptype.TEXT, 0, text.getBytes(StandardCharsets.UTF_8))) return;
        String line = Address.format(source);
        synchronized (out) {
            if (timestamps) {
                LocalDateTime now = LocalDateTime.now();
                out.printf("%s.%02d [%s] %s%n", SkynetTime.FORMAT.format(now), now.getNano() / 10_000_000, line, text);
            } else {
                out.println("[" + line + "] " + text);
            }
            out.flush();
        }
    }

    /** Made on the first timestamped line: java.time's formatting is no part of a node's start. */
    private static final class SkynetTime {
        static final DateTimeFormatter FORMAT = DateTimeFormatter.ofPattern("dd/MM/yy HH:mm:ss");
    }

    void flush() {
        out.flush();
    }
}
