package io.skynetj.kernel;

import java.io.PrintStream;

/**
 * skynet's logger service: lines from {@code skynet.error} (and the runtime's service-level errors)
 * written as {@code [:0000000a] text}, to stdout or to the file named by the {@code logger} key.
 */
public final class NodeLog {
    private final PrintStream out;
    private final boolean timestamps;

    public NodeLog(PrintStream out, boolean timestamps) {
        this.out = out;
        this.timestamps = timestamps;
    }

    public void write(int source, String text) {
        String line = Address.format(source);
        if (timestamps) {
            out.println(java.time.LocalDateTime.now().withNano(0) + " [" + line + "] " + text);
        } else {
            out.println("[" + line + "] " + text);
        }
        out.flush();
    }

    public void flush() {
        out.flush();
    }
}
