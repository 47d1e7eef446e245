package io.skynetj.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;
import org.junit.platform.launcher.listeners.SummaryGeneratingListener;

/**
 * The suite's timeout (junit-platform.properties) with {@link ThreadDumpOnTimeout}: a test that hangs,
 * even ignoring interrupts, fails at the timeout, and the stacks of all threads, virtual ones
 * included, are printed first. The hanging class runs through the JUnit launcher with the timeout cut
 * to one second; surefire does not pick it up itself (a nested class).
 */
class ThreadDumpOnTimeoutTest {
    static final class HangingExample {
        static volatile boolean release;
        static volatile Thread parked;

        @Test
        void hangs() {
            parked = Thread.ofVirtual().name("parked-by-the-hanging-example").start(() -> {
                while (!release) LockSupport.park();
            });
            while (!release) {
                try {
                    Thread.sleep(10);
                } catch (InterruptedException ignored) {
                    // a hang that interrupts do not end
                }
            }
        }
    }

    @Test
    void aHangFailsAtTheTimeoutAfterPrintingEveryThreadsStack() {
        SummaryGeneratingListener listener = new SummaryGeneratingListener();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream stderr = System.err;
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            LauncherFactory.create().execute(LauncherDiscoveryRequestBuilder.request()
                .selectors(selectClass(HangingExample.class))
                .configurationParameter("junit.jupiter.execution.timeout.default", "1 s")
                .build(), listener);
        } finally {
            System.setErr(stderr);
            HangingExample.release = true;
            Thread t = HangingExample.parked;
            if (t != null) LockSupport.unpark(t);
        }
        assertEquals(1, listener.getSummary().getTestsFailedCount(), "the hanging test fails");
        assertInstanceOf(TimeoutException.class, listener.getSummary().getFailures().getFirst().getException());
        String dump = err.toString(StandardCharsets.UTF_8);
        assertTrue(dump.contains("hangs() (" + HangingExample.class.getName() + ") timed out"), dump);
        assertTrue(dump.contains("\"parked-by-the-hanging-example\" virtual"), "virtual threads are in the dump: " + dump);
        assertTrue(dump.contains("HangingExample.hangs("), "the hanging test's own stack is in the dump: " + dump);
    }
}
