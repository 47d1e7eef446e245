package io.skynetj.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.skynetj.cli.TopCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code skynetj top --once} against a real node's console. */
class TopCliTest {
    @TempDir
    Path dir;

    /** A service that keeps messaging itself, so it leads when sorted by messages. */
    static final String CHATTY = """
        local skynet = require "skynet"
        require "skynet.manager"
        skynet.start(function()
            skynet.dispatch("lua", function() end)
            skynet.register(".chatty")
            skynet.fork(function()
                while true do
                    for i = 1, 20 do skynet.send(skynet.self(), "lua", "tick") end
                    skynet.sleep(1)
                end
            end)
            print("CHATTY")
        end)
        """;

    private record Run(int status, String out, String err) {}

    private static Run top(Map<String, String> env, String... words) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> all = new java.util.ArrayList<>(List.of("top"));
        all.addAll(List.of(words));
        int status = TopCli.run(all, env::get, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void onceSortsTheServicesByWhatIsAsked() throws Exception {
        try (TestNode node = ConsoleTest.nodeWithConsole(dir).service("chatty", CHATTY).service("main", """
            local skynet = require "skynet"
            skynet.start(function() skynet.newservice("worker") skynet.newservice("chatty") end)
            """).start("main")) {
            node.await("CHATTY");
            String console = "127.0.0.1:" + node.consolePort();
            Run r = top(Map.of("SKYNETJ_CONSOLE", console), "--once", "--sort", "messages");
            assertEquals(0, r.status(), r.err());
            List<String> lines = r.out().lines().toList();
            assertTrue(lines.getFirst().startsWith("skynetj top - up "), r.out());
            assertTrue(lines.get(2).startsWith("ADDRESS"), r.out());
            assertTrue(lines.get(3).contains(".chatty"), "the chatty service leads by messages:\n" + r.out());
            assertTrue(lines.stream().anyMatch(l -> l.contains(".worker") && l.contains("snlua worker")), r.out());
            int services = new HttpConsole(node.consolePort()).services().size();
            assertTrue(lines.size() - 3 >= services - 1, "a line per service:\n" + r.out()); // one may come or go meanwhile

            Run byMailbox = top(Map.of(), "--once", "--sort", "mailbox", "--console", console);
            assertEquals(0, byMailbox.status(), byMailbox.err());
            assertTrue(byMailbox.out().contains("sorted by mailbox"), byMailbox.out());
        }
    }

    @Test
    void mistakesAndAMissingConsoleAreSaidPlainly() throws Exception {
        Run bad = top(Map.of(), "--once", "--sort", "colour");
        assertEquals(2, bad.status());
        assertTrue(bad.err().contains("sort by cpu, mailbox or messages"), bad.err());
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        Run gone = top(Map.of(), "--once", "--console", "127.0.0.1:" + port);
        assertEquals(3, gone.status());
        assertTrue(gone.err().contains("cannot reach the console at 127.0.0.1:" + port), gone.err());
    }

    @Test
    void aTokenedConsoleNeedsTheToken() throws Exception {
        try (TestNode node = ConsoleTest.nodeWithConsole(dir).config("console_token", "s3cret").service("main", ConsoleTest.MAIN).start("main")) {
            ConsoleTest.ready(node);
            String console = "127.0.0.1:" + node.consolePort();
            Run without = top(Map.of(), "--once", "--console", console);
            assertEquals(3, without.status());
            assertTrue(without.err().contains("401"), without.err());
            Run with = top(Map.of("SKYNETJ_CONSOLE_TOKEN", "s3cret"), "--once", "--console", console);
            assertEquals(0, with.status(), with.err());
            assertTrue(with.out().contains(".worker"), with.out());
        }
    }
}
