package io.skynetj.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * HTTP on the console's port, next to skynet's line protocol: a real node, java.net.http and raw
 * sockets; the token rules and the rule that commands changing the node come only by POST.
 */
class ConsoleHttpTest {
    @TempDir
    Path dir;

    private TestNode node(String... config) throws Exception {
        TestNode b = ConsoleTest.nodeWithConsole(dir);
        for (int i = 0; i < config.length; i += 2) b.config(config[i], config[i + 1]);
        TestNode node = b.service("main", ConsoleTest.MAIN).start("main");
        ConsoleTest.ready(node);
        return node;
    }

    @Test
    void anHttpClientGetsHttpResponses() throws Exception {
        try (TestNode node = node()) {
            HttpConsole http = new HttpConsole(node.consolePort());
            HttpResponse<String> r = http.get("/getenv/harbor");
            assertEquals(200, r.statusCode());
            assertEquals("harbor\t0\n<CMD OK>\n", r.body());
            assertTrue(r.headers().firstValue("Content-Type").orElseThrow().startsWith("text/plain"), r.headers()::toString);

            r = http.get("/nosuch/thing");
            assertEquals(422, r.statusCode());
            assertTrue(r.body().endsWith("<CMD Error>\n"), r.body());

            r = http.post("/", "call .worker \"add\", 2, 3");
            assertEquals(200, r.statusCode(), r.body());
            assertEquals("1\t5\nn\t1\n<CMD OK>\n", r.body());
            r = http.post("/getenv/thread", "");
            assertEquals("thread\tnil\n<CMD OK>\n", r.body(), "an empty POST runs the command in its path");

            r = http.get("/nosuch/"); // a path ending in / still names the command
            assertEquals(422, r.statusCode());
        }
    }

    @Test
    void commandsThatChangeTheNodeComeOnlyByPostAndNotFromOtherSites() throws Exception {
        try (TestNode node = node()) {
            HttpConsole http = new HttpConsole(node.consolePort());
            HttpResponse<String> r = http.get("/setenv/observer_probe/1");
            assertEquals(405, r.statusCode());
            assertEquals("POST", r.headers().firstValue("Allow").orElseThrow());
            assertEquals("observer_probe\tnil\n<CMD OK>\n", http.get("/getenv/observer_probe").body(), "a GET must not change the node");

            r = http.post("/", "setenv observer_probe 1", "Origin", "http://evil.example");
            assertEquals(403, r.statusCode());
            assertEquals("observer_probe\tnil\n<CMD OK>\n", http.get("/getenv/observer_probe").body(), "a cross-site POST must not run");

            r = http.post("/", "setenv observer_probe 1", "Origin", "http://127.0.0.1:" + node.consolePort());
            assertEquals(200, r.statusCode(), r.body()); // the observer page itself
            assertEquals("observer_probe\t1\n<CMD OK>\n", http.get("/getenv/observer_probe").body());
        }
    }

    @Test
    void withATokenEveryRequestCarriesItAsHeaderOrParameter() throws Exception {
        try (TestNode node = node("console_token", "s3cret")) {
            HttpConsole http = new HttpConsole(node.consolePort());
            List<String> paths = List.of("/", "/metrics", "/api/services", "/api/node", "/api/upgrades", "/getenv/harbor");
            for (int i = 0; i < paths.size(); i++) {
                String path = paths.get(i);
                HttpResponse<String> r = http.get(path);
                assertEquals(401, r.statusCode(), path);
                assertEquals("Bearer", r.headers().firstValue("WWW-Authenticate").orElseThrow());
                // one wrong token at a time: a second in a row makes this host wait (ConsoleFaultTest)
                if (i % 2 == 0) assertEquals(401, http.get(path + "?token=wrong").statusCode(), path);
                else assertEquals(401, http.get(path, "Authorization", "Bearer wrong").statusCode(), path);
                assertEquals(200, http.get(path + "?token=s3cret").statusCode(), path);
                assertEquals(200, http.get(path, "Authorization", "Bearer s3cret").statusCode(), path);
            }
            assertEquals(401, http.post("/", "setenv tokened 1").statusCode());
            assertEquals(405, http.get("/setenv/tokened/1?token=s3cret").statusCode());
            assertEquals(200, http.post("/", "setenv tokened 1", "Authorization", "Bearer s3cret").statusCode());
            assertEquals("tokened\t1\n<CMD OK>\n", http.get("/getenv/tokened?token=s3cret").body());
        }
    }

    @Test
    void ncStyleClientsStillGetTheGreetingAndTheLineProtocol() throws Exception {
        try (TestNode node = node()) {
            int port = node.consolePort();
            try (ConsoleConnection c = ConsoleConnection.raw(port)) { // nc: sends nothing until greeted
                assertEquals("Welcome to skynet console", c.readLine());
                assertEquals(List.of("harbor\t0", "<CMD OK>"), c.command("getenv harbor"));
                assertEquals("<CMD OK>", c.command("list").getLast());
            }
            try (ConsoleConnection c = ConsoleConnection.raw(port)) { // types before the greeting
                c.send("getenv harbor\n");
                assertEquals("Welcome to skynet console", c.readLine());
                assertEquals(List.of("harbor\t0", "<CMD OK>"), c.reply());
            }
            try (ConsoleConnection c = ConsoleConnection.raw(port)) { // a short first word is not taken for HTTP
                c.send("gc\n");
                assertEquals("Welcome to skynet console", c.readLine());
                assertEquals("<CMD OK>", c.reply().getLast());
            }
            try (ConsoleConnection c = ConsoleConnection.raw(port)) { // a raw HTTP/1.0 request, as curl or a scraper sends it
                c.send("GET /getenv/harbor HTTP/1.0\r\nHost: x\r\n\r\n");
                List<String> lines = c.readToEnd();
                assertEquals("HTTP/1.1 200 OK", lines.getFirst());
                assertTrue(lines.contains("Content-Length: 18"), lines::toString);
                assertEquals(List.of("", "harbor\t0", "<CMD OK>"), lines.subList(lines.size() - 3, lines.size()));
            }
            try (ConsoleConnection c = ConsoleConnection.raw(port)) { // a request line typed after the greeting
                assertEquals("Welcome to skynet console", c.readLine());
                c.send("GET /getenv/harbor HTTP/1.1\r\n\r\n");
                List<String> lines = c.readToEnd();
                assertEquals("HTTP/1.1 200 OK", lines.getFirst());
                assertEquals("<CMD OK>", lines.getLast());
            }
            try (ConsoleConnection c = ConsoleConnection.raw(port)) { // "PO" could begin POST: the console waits for more
                c.socket.setTcpNoDelay(true); // two segments, so the console may well read "PO" alone
                c.send("PO");
                c.send("ST /getenv/harbor HTTP/1.1\r\n\r\n");
                assertEquals("HTTP/1.1 200 OK", c.readLine());
            }
            try (ConsoleConnection c = ConsoleConnection.raw(port)) {
                c.send("BREW /pot HTTP/1.1\r\n\r\n"); // not a method we know: the line protocol answers it
                assertEquals("Welcome to skynet console", c.readLine());
                assertEquals("<CMD Error>", c.reply().getLast());
            }
            try (ConsoleConnection c = ConsoleConnection.raw(port)) {
                c.send("PUT /x HTTP/1.1\r\n\r\n");
                assertEquals("HTTP/1.1 405 Method Not Allowed", c.readLine());
            }
            try (ConsoleConnection c = ConsoleConnection.raw(port)) {
                c.send("POST / HTTP/1.1\r\nContent-Length: 99999999\r\n\r\n");
                assertEquals("HTTP/1.1 413 Content Too Large", c.readLine());
            }
        }
    }
}
