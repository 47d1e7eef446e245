package io.skynetj.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.skynetj.console.AuditLog;
import io.skynetj.console.ConsoleService;
import io.skynetj.console.ConsoleSettings;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Console clients that misbehave, through real TCP: floods of idle connections, a client that never
 * reads, token guessing, slow HTTP requests, and {@code call} arguments that never finish. After each,
 * a real client gets in and the node's services still answer.
 */
class ConsoleFaultTest {
    @TempDir
    Path dir;

    private static final String ADD = "call .worker \"add\", 1, 1";
    private static final List<String> ADDED = List.of("1\t2", "n\t1", "<CMD OK>");

    private TestNode node(String... config) throws Exception {
        TestNode node = ConsoleTest.nodeWithConsole(dir).service("main", ConsoleTest.MAIN);
        for (int i = 0; i < config.length; i += 2) node.config(config[i], config[i + 1]);
        node.start("main");
        ConsoleTest.ready(node);
        return node;
    }

    @Test
    void aFloodOfIdleConnectionsNeverLocksOutARealClient() throws Exception {
        try (TestNode node = node()) {
            int port = node.consolePort();
            List<ConsoleConnection> flood = new ArrayList<>();
            try {
                for (int i = 0; i < 40; i++) flood.add(ConsoleConnection.raw(port)); // connected, silent: 16 slots, 40 clients
                try (ConsoleConnection c = ConsoleConnection.open(port)) {
                    assertEquals(ADDED, c.command(ADD));
                }
                // the oldest idle clients gave way, and were told why
                List<String> first = flood.getFirst().readToEnd();
                assertTrue(first.getLast().startsWith("Closing the connection: the console is full (16 connections)"), first::toString);
            } finally {
                for (ConsoleConnection c : flood) c.close();
            }
        }
    }

    @Test
    void clientsThatDoNotLogInAreClosedAfterTheAuthTimeout() throws Exception {
        try (TestNode node = node("console_token", "s3cret", "console_auth_timeout", "0.5");
             ConsoleConnection silent = ConsoleConnection.raw(node.consolePort());
             ConsoleConnection chatty = ConsoleConnection.open(node.consolePort());
             ConsoleConnection slowHttp = ConsoleConnection.raw(node.consolePort())) {
            slowHttp.send("GET /list HTTP/1.1\r\nHost: x\r\n"); // and never the blank line that ends the request
            chatty.command("list"); // lines that are not auth do not keep a connection alive
            assertEquals(List.of("Closing the connection: not logged in within 0.5 s"), silent.readToEnd());
            List<String> rest = chatty.readToEnd();
            assertEquals("Closing the connection: not logged in within 0.5 s", rest.getLast(), rest::toString);
            assertEquals(List.of(), slowHttp.readToEnd());
            try (ConsoleConnection c = ConsoleConnection.open(node.consolePort())) {
                assertEquals("<CMD OK>", c.command("auth s3cret").getLast());
                assertEquals(ADDED, c.command(ADD));
            }
        }
    }

    @Test
    void connectionsWithoutACommandAreClosedAfterTheIdleTimeout() throws Exception {
        try (TestNode node = node("console_idle_timeout", "0.5"); ConsoleConnection idle = ConsoleConnection.open(node.consolePort())) {
            assertEquals(ADDED, idle.command(ADD));
            assertEquals(List.of("Closing the connection: idle too long"), idle.readToEnd());
        }
    }

    @Test
    void aClientThatNeverReadsIsCutOffAndFreesItsSlot() throws Exception {
        try (TestNode node = node("console_max_connections", "1", "console_write_timeout", "0.5")) {
            int port = node.consolePort();
            try (Socket hog = new Socket()) {
                hog.setReceiveBufferSize(4096);
                hog.connect(new InetSocketAddress("127.0.0.1", port));
                // ~20 MB of output (help is ~2.5 KB), far more than the socket buffers hold; it never reads a byte
                hog.getOutputStream().write("help\n".repeat(8000).getBytes(StandardCharsets.US_ASCII));
                node.await("console: closing the connection from 127.0.0.1:" + hog.getLocalPort() + ": it did not take its output within 0.5 s");
                try (ConsoleConnection c = openWhenAccepted(port)) {
                    assertEquals(ADDED, c.command(ADD));
                }
            }
        }
    }

    /**
     * The HTTP side of the same deadline: a client asks for a 16 MB answer (an env value set by a
     * service) and never reads it. The console cuts it off, gives its one slot to the next client,
     * and answers HTTP and line clients again.
     */
    @Test
    void anHttpClientThatNeverReadsIsCutOffAndFreesItsSlot() throws Exception {
        try (TestNode node = ConsoleTest.nodeWithConsole(dir).config("console_max_connections", "1").config("console_write_timeout", "0.5")
            .service("main", """
                local skynet = require "skynet"
                skynet.start(function()
                    skynet.setenv("big", string.rep("x", 16 * 1024 * 1024))
                    local w = skynet.newservice("worker")
                    print("READY " .. skynet.address(w))
                end)
                """).start("main")) {
            ConsoleTest.ready(node);
            int port = node.consolePort();
            try (Socket hog = new Socket()) {
                hog.setReceiveBufferSize(4096);
                hog.connect(new InetSocketAddress("127.0.0.1", port));
                hog.getOutputStream().write("GET /getenv/big HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                node.await("console: closing the connection from 127.0.0.1:" + hog.getLocalPort() + ": it did not take its output within 0.5 s");
                try (ConsoleConnection c = openWhenAccepted(port)) {
                    assertEquals(ADDED, c.command(ADD));
                }
                java.net.http.HttpResponse<String> harbor = getWhenAccepted(port, "/getenv/harbor");
                assertEquals(200, harbor.statusCode(), harbor::body);
                assertEquals("harbor\t0\n<CMD OK>\n", harbor.body());
            }
        }
    }

    /** A one-slot console refuses newcomers while its one client runs a command; retry until one is greeted. */
    private static ConsoleConnection openWhenAccepted(int port) throws Exception {
        long deadline = System.nanoTime() + TestNode.DEADLINE.toNanos();
        for (;;) {
            ConsoleConnection c = ConsoleConnection.raw(port);
            c.send("\n");
            String first = c.readLine();
            if ("Welcome to skynet console".equals(first)) return c;
            c.close();
            if (System.nanoTime() > deadline) throw new AssertionError("never accepted; last answer: " + first);
        }
    }

    /**
     * An HTTP GET on a one-slot console, retried while the slot is still taken (the console notices a
     * client's close a moment after it): a refusal is its one-line answer, not an HTTP status line.
     */
    private static java.net.http.HttpResponse<String> getWhenAccepted(int port, String path) throws Exception {
        long deadline = System.nanoTime() + TestNode.DEADLINE.toNanos();
        for (;;) {
            try {
                return new HttpConsole(port).get(path);
            } catch (java.net.ProtocolException refused) {
                if (System.nanoTime() > deadline) throw refused;
            }
        }
    }

    @Test
    void wrongTokensMakeTheirHostWait() throws Exception {
        try (TestNode node = node()) {
            List<String> audit = new CopyOnWriteArrayList<>();
            ConsoleService console = ConsoleService.start(node.node(), ConsoleSettings.parse("127.0.0.1:0", "s3cret"), new AuditLog(audit::add));
            int port = console.address().getPort();
            try (ConsoleConnection c = ConsoleConnection.open(port)) {
                assertEquals(List.of("Authentication failed", "<CMD Error>"), c.command("auth guess1"));
                assertEquals(List.of("Authentication failed; 127.0.0.1 waits 1 s before its next try", "<CMD Error>"), c.command("auth guess2"));
            }
            // another connection from the same host, even with the right token, waits too
            try (ConsoleConnection c = ConsoleConnection.open(port)) {
                List<String> reply = c.command("auth s3cret");
                assertTrue(reply.getFirst().matches("Too many wrong tokens from 127\\.0\\.0\\.1: try again in [12] s"), reply::toString);
            }
            java.net.http.HttpResponse<String> http = new HttpConsole(port).get("/list?token=s3cret");
            if (http.statusCode() == 429) { // else the wait was over already on a slow machine
                assertTrue(http.headers().firstValue("Retry-After").isPresent(), http.headers()::toString);
                assertTrue(http.body().startsWith("Too many wrong tokens from 127.0.0.1"), http.body());
            }
            assertTrue(audit.stream().anyMatch(l -> l.endsWith("outcome=Error: wrong token; 127.0.0.1 waits 1 s before its next try")),
                () -> String.join("\n", audit));
            // once the wait is over the token is checked again
            long deadline = System.nanoTime() + TestNode.DEADLINE.toNanos();
            for (;;) {
                try (ConsoleConnection c = ConsoleConnection.open(port)) {
                    List<String> reply = c.command("auth s3cret");
                    if (reply.getLast().equals("<CMD OK>")) {
                        assertEquals(ADDED, c.command(ADD));
                        break;
                    }
                    assertTrue(reply.getFirst().startsWith("Too many wrong tokens"), reply::toString);
                }
                if (System.nanoTime() > deadline) throw new AssertionError("the right token was never accepted again");
                Thread.sleep(50);
            }
        }
    }

    @Test
    void callArgumentsThatNeverFinishAreStoppedAndTheNodeServes() throws Exception {
        try (TestNode node = node(); ConsoleConnection c = ConsoleConnection.open(node.consolePort())) {
            List<String> loop = c.command("call .worker (function() while true do end end)()");
            assertEquals("<CMD Error>", loop.getLast());
            assertTrue(loop.getFirst().contains("the arguments took too long to evaluate (2 s of CPU, or 10 s); stopped"), loop::toString);
            List<String> hog = c.command("call .worker (function() local t = {} for i = 1, 1e9 do t[i] = {" + "i, ".repeat(2000) + "} end end)()");
            assertEquals("<CMD Error>", hog.getLast());
            assertTrue(hog.getFirst().contains("the arguments used more than 32 MiB to evaluate; stopped"), hog::toString);
            assertEquals(ADDED, c.command(ADD));
            assertEquals(0, node.node().node().service(node.node().node().lookup(".worker")).mailboxLength());

            // a client that leaves at once: its loop still ends
            try (ConsoleConnection gone = ConsoleConnection.open(node.consolePort())) {
                gone.send("call .worker (function() local n = 0 while true do n = n + 1 end end)()\n");
                awaitConsoleThreadInLua(true);
            }
            awaitConsoleThreadInLua(false);
            assertEquals(ADDED, c.command(ADD));
        }
    }

    /** Waits until some console connection thread is (or none is) running Lua code. */
    private static void awaitConsoleThreadInLua(boolean running) throws InterruptedException {
        long deadline = System.nanoTime() + TestNode.DEADLINE.toNanos();
        while (consoleThreadInLua() != running) {
            if (System.nanoTime() > deadline) throw new AssertionError(running ? "the loop never started" : "the loop still runs");
            Thread.sleep(10);
        }
    }

    private static boolean consoleThreadInLua() {
        return Thread.getAllStackTraces().entrySet().stream().anyMatch(e -> e.getKey().getName().startsWith("skynetj-console-/")
            && Arrays.stream(e.getValue()).anyMatch(f -> f.getClassName().equals("org.luaj.vm2.LuaClosure")));
    }
}
