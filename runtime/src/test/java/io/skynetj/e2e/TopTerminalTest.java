package io.skynetj.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.skynetj.cli.Main;
import io.skynetj.lua.LuaNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code skynetj top} in a real terminal: a separate JVM under util-linux {@code script}, which gives
 * it a pseudo-terminal; keys typed change the sort, {@code q} quits and the terminal is restored.
 */
class TopTerminalTest {
    private static final Path SCRIPT = Path.of("/usr/bin/script");

    @TempDir
    Path dir;

    @Test
    void keysSortAndQQuits() throws Exception {
        assumeTrue(Files.isExecutable(SCRIPT), "no " + SCRIPT + " (util-linux) to give top a terminal");
        try (TestNode node = ConsoleTest.nodeWithConsole(dir).service("main", ConsoleTest.MAIN).start("main")) {
            ConsoleTest.ready(node);
            List<String> java = List.of(ProcessHandle.current().info().command().orElse("java"), "-cp", System.getProperty("java.class.path"),
                "-Dskynetj.home=" + LuaNode.home(), Main.class.getName(), "top", "--console", "127.0.0.1:" + node.consolePort());
            String command = "stty cols 140 rows 30; exec " + java.stream().map(a -> "'" + a.replace("'", "'\\''") + "'").collect(Collectors.joining(" "));
            Process p = new ProcessBuilder(SCRIPT.toString(), "-qfec", command, "/dev/null").redirectErrorStream(true).start();
            Screen screen = new Screen(p.getInputStream());
            try (OutputStream keys = p.getOutputStream()) {
                screen.await("sorted by cpu");
                screen.await(".worker"); // the rows arrive after the header: wait for them, do not read a half-drawn screen
                keys.write('m');
                keys.flush();
                screen.await("sorted by mailbox");
                keys.write('q');
                keys.flush();
                assertTrue(p.waitFor(TestNode.DEADLINE.toSeconds(), TimeUnit.SECONDS), () -> "top did not quit on q:\n" + screen.text());
            } finally {
                p.destroyForcibly();
            }
            assertEquals(0, p.exitValue(), screen::text);
            assertTrue(screen.text().contains("\033[?25h"), "the cursor is shown again on the way out");
        }
    }

    /** Everything the terminal has shown so far, read on a thread of its own. */
    private static final class Screen {
        private final ByteArrayOutputStream seen = new ByteArrayOutputStream();

        Screen(InputStream in) {
            Thread.ofPlatform().daemon().start(() -> {
                byte[] buf = new byte[4096];
                try {
                    for (int n; (n = in.read(buf)) > 0; ) {
                        synchronized (seen) {
                            seen.write(buf, 0, n);
                            seen.notifyAll();
                        }
                    }
                } catch (IOException e) {
                    // the process ended
                }
            });
        }

        String text() {
            synchronized (seen) {
                return seen.toString(StandardCharsets.UTF_8);
            }
        }

        void await(String what) throws InterruptedException {
            long deadline = System.nanoTime() + TestNode.DEADLINE.toNanos();
            synchronized (seen) {
                while (!seen.toString(StandardCharsets.UTF_8).contains(what)) {
                    long left = deadline - System.nanoTime();
                    if (left <= 0) throw new AssertionError("the terminal never showed \"" + what + "\":\n" + seen.toString(StandardCharsets.UTF_8));
                    TimeUnit.NANOSECONDS.timedWait(seen, left);
                }
            }
        }
    }
}
