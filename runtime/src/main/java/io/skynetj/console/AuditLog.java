package io.skynetj.console;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.function.Consumer;
import org.slf4j.LoggerFactory;

/**
 * Who changed what through a console: one line per state-changing command (and per failed
 * authentication), with time, peer, the command line and its outcome. Goes to the SLF4J logger
 * {@code skynetj.audit}, so it can be routed to its own file.
 */
public final class AuditLog {
    private static final int MAX_OUTCOME = 300;
    private final Consumer<String> sink;

    public AuditLog() {
        this(LoggerFactory.getLogger("skynetj.audit")::info);
    }

    /** An audit log writing its lines to {@code sink} (tests; embedding applications). */
    public AuditLog(Consumer<String> sink) {
        this.sink = sink;
    }

    void record(String peer, String command, String outcome) {
        // one record per line, whatever the peer sent (a POST body may hold line breaks)
        // backslashes first: a command ending in \" must not end the quoted field and forge an outcome
        String cmd = command.replaceAll("\\p{Cntrl}", " ").replace("\\", "\\\\").replace("\"", "\\\"");
        String result = String.join(" | ", outcome.lines().map(String::strip).toList()).replaceAll("\\p{Cntrl}", " ");
        if (result.length() > MAX_OUTCOME) result = result.substring(0, MAX_OUTCOME) + "...";
        sink.accept(Instant.now().truncatedTo(ChronoUnit.MILLIS) + " peer=" + peer + " command=\"" + cmd + "\" outcome=" + result);
    }
}
