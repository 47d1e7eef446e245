package io.skynetj.testing;

import com.sun.management.HotSpotDiagnosticMXBean;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.PreInterruptCallback;
import org.junit.jupiter.api.extension.PreInterruptContext;

/**
 * When a test runs past its timeout (junit-platform.properties), prints every thread's stack to
 * stderr before JUnit interrupts it, so a hang in CI says where it hangs. The JDK's thread dump is
 * used rather than {@link Thread#getAllStackTraces()} (what JUnit's own dump prints) because that
 * one leaves out virtual threads, and every service handler here runs on one. Registered for all
 * tests through META-INF/services and extension auto-detection.
 */
public final class ThreadDumpOnTimeout implements PreInterruptCallback {
    @Override
    public void beforeThreadInterrupt(PreInterruptContext context, ExtensionContext extension) throws IOException {
        Path dir = Files.createTempDirectory("skynetj-timeout");
        Path dump = dir.resolve("threads.txt");
        ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class)
            .dumpThreads(dump.toString(), HotSpotDiagnosticMXBean.ThreadDumpFormat.TEXT_PLAIN);
        System.err.println("=== " + extension.getDisplayName() + " (" + extension.getRequiredTestClass().getName()
            + ") timed out; all threads, virtual ones included, before " + context.getThreadToInterrupt().getName() + " is interrupted:");
        System.err.println(Files.readString(dump));
        Files.delete(dump);
        Files.delete(dir);
    }
}
