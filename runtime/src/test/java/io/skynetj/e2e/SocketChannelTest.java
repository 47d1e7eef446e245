package io.skynetj.e2e;

import static io.skynetj.e2e.LuaScenario.assertPassed;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * require "skynet.socketchannel" against a line-based test server on 127.0.0.1: order and session
 * modes, multi-part replies, auth, reconnecting after the server closed, backups, close.
 */
class SocketChannelTest {
    @TempDir
    Path dir;

    static final String MAIN = """
        local skynet = require "skynet"
        local sc = require "skynet.socketchannel"
        local check = require "check"
        local PORT, DEAD = %d, %d

        local function line(sock)
            return true, sock:readline("\\n")
        end

        -- "+part" lines go on, a plain line ends the reply
        local function parts(sock)
            local l = sock:readline("\\n")
            if l:sub(1, 1) == "+" then return true, l:sub(2), true end
            return true, l
        end

        skynet.start(function()
            local c = sc.channel { host = "127.0.0.1", port = PORT, nodelay = true }
            check.eq("connect", c:connect(true), true)
            check.eq("request", c:request("echo hello\\n", line), "hello")
            check.eq("no reply wanted", c:request("echo ignored\\n"), nil)
            check.eq("reply after one without", c:request("echo next\\n", function(sock)
                sock:readline("\\n") -- the reply to the request that wanted none
                return true, sock:readline("\\n")
            end), "next")

            -- concurrent requests: replies in order, each to its own coroutine
            local got, left = {}, 5
            for i = 1, 5 do
                skynet.fork(function()
                    got[i] = c:request("echo " .. i .. "\\n", line)
                    left = left - 1
                end)
            end
            while left > 0 do skynet.sleep(1) end
            check.eq("concurrent", table.concat(got, ","), "1,2,3,4,5")

            check.eq("multi-part", table.concat(c:request("multi 3 x\\n", parts), ","), "x1,x2,x3")
            local ok, err = pcall(c.request, c, "fail oops\\n", function(sock)
                local l = sock:readline("\\n")
                return false, "server said " .. l
            end)
            check.eq("reader failure", err, "server said oops")
            check.eq("still usable", c:request("echo after\\n", line), "after")

            -- a line the server sends on its own, read with response()
            check.eq("push asked", c:request("push news\\n", line), "ok")
            check.eq("response without request", c:response(line), "pushed news")

            -- the server closes: the pending request fails, the next one reconnects
            ok, err = pcall(c.request, c, "close\\n", line)
            check.eq("closed by server", tostring(err), "[Error: socket]")
            check.eq("reconnected", c:request("echo again\\n", line), "again")

            -- session mode: replies out of order
            local s = sc.channel { host = "127.0.0.1", port = PORT, response = function(sock)
                local l = sock:readline("\\n")
                local session, text = l:match("^(%%d+) (.*)$")
                if text:sub(1, 1) == "+" then return tonumber(session), true, text:sub(2), true end
                return tonumber(session), true, text
            end }
            local slow
            skynet.fork(function() slow = s:request("S 1 200 slow\\n", 1) end)
            check.eq("session fast first", s:request("S 2 0 fast\\n", 2), "fast")
            while not slow do skynet.sleep(1) end
            check.eq("session slow", slow, "slow")
            check.eq("session multi-part", table.concat(s:request("SM 3 2 y\\n", 3), ","), "y1,y2,y")

            -- auth on every new connection
            local authed = 0
            local a = sc.channel { host = "127.0.0.1", port = PORT, auth = function(ch)
                check.ok("auth " .. authed, ch:request("auth s3cret\\n", line) == "ok")
                authed = authed + 1
            end }
            check.eq("after auth", a:request("whoami\\n", line), "authed")
            pcall(a.request, a, "close\\n", line)
            check.eq("after reauth", a:request("whoami\\n", line), "authed")
            check.eq("auth ran twice", authed, 2)

            -- a dead host with a live backup
            local b = sc.channel { host = "127.0.0.1", port = DEAD, backup = { { host = "127.0.0.1", port = PORT } } }
            check.eq("backup", b:request("echo via backup\\n", line), "via backup")

            -- connecting once to nothing fails with the socket error
            local d = sc.channel { host = "127.0.0.1", port = DEAD }
            ok, err = pcall(d.connect, d, true)
            check.eq("connect once fails", tostring(err), "[Error: socket]")

            -- close wakes a request waiting for its reply
            local waiting
            skynet.fork(function()
                local ok2, err2 = pcall(c.request, c, "S 9 5000 never\\n", line)
                waiting = tostring(err2)
            end)
            skynet.sleep(10)
            c:close()
            while not waiting do skynet.sleep(1) end
            check.eq("closed channel", waiting, "[Error: socket]")
            ok, err = pcall(c.request, c, "echo x\\n", line)
            check.ok("request after close", not ok)
            print("DONE")
        end)
        """;

    @Test
    void ordersSessionsAuthReconnectAndClose() throws Exception {
        int dead;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            dead = s.getLocalPort(); // nothing listens there once closed
        }
        try (LineServer server = new LineServer();
             TestNode node = LuaScenario.node(dir).service("main", MAIN.formatted(server.port(), dead)).start("main")) {
            assertPassed(node, "connect", "request", "no reply wanted", "reply after one without", "concurrent",
                "multi-part", "reader failure", "still usable", "push asked", "response without request", "closed by server", "reconnected", "session fast first",
                "session slow", "session multi-part", "auth 0", "after auth", "auth 1", "after reauth", "auth ran twice",
                "backup", "connect once fails", "closed channel", "request after close");
            // order channel: 2 connections (closed once); session: 1; auth: 2; backup: 1
            assertEquals(6, server.connections.get());
        }
    }

    /** One virtual thread per connection; one reply line per request line (see the commands below). */
    private static final class LineServer implements AutoCloseable {
        final ServerSocket listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        final AtomicInteger connections = new AtomicInteger();
        final Thread acceptor = Thread.ofVirtual().start(this::accept);

        LineServer() throws IOException {}

        int port() {
            return listener.getLocalPort();
        }

        private void accept() {
            try {
                for (;;) {
                    Socket s = listener.accept();
                    connections.incrementAndGet();
                    Thread.ofVirtual().start(() -> serve(s));
                }
            } catch (IOException closed) {
                // the test is over
            }
        }

        private void serve(Socket s) {
            try (s) {
                BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
                OutputStream out = s.getOutputStream();
                boolean authed = false;
                for (String l; (l = in.readLine()) != null; ) {
                    String[] w = l.split(" ", 4);
                    switch (w[0]) {
                        case "echo" -> send(out, l.substring(5));
                        case "fail" -> send(out, w[1]);
                        case "multi" -> {
                            int n = Integer.parseInt(w[1]);
                            for (int i = 1; i <= n; i++) send(out, (i < n ? "+" : "") + w[2] + i);
                        }
                        case "close" -> { return; }
                        case "auth" -> { authed = w[1].equals("s3cret"); send(out, authed ? "ok" : "no"); }
                        case "push" -> { // "ok", then a line nobody asked for, a little later
                            send(out, "ok");
                            String news = "pushed " + w[1];
                            Thread.ofVirtual().start(() -> {
                                try {
                                    Thread.sleep(50);
                                    send(out, news);
                                } catch (IOException | InterruptedException e) {
                                    // connection gone
                                }
                            });
                        }
                        case "whoami" -> send(out, authed ? "authed" : "anonymous");
                        case "S" -> { // S session delay_ms text: the reply comes after the delay, other requests go on
                            String reply = w[1] + " " + w[3];
                            long delay = Long.parseLong(w[2]);
                            Thread.ofVirtual().start(() -> {
                                try {
                                    Thread.sleep(delay);
                                    send(out, reply);
                                } catch (IOException | InterruptedException e) {
                                    // connection gone
                                }
                            });
                        }
                        case "SM" -> { // SM session n text: n "+" parts, then the text
                            int n = Integer.parseInt(w[2]);
                            for (int i = 1; i <= n; i++) send(out, w[1] + " +" + w[3] + i);
                            send(out, w[1] + " " + w[3]);
                        }
                        default -> send(out, "unknown " + l);
                    }
                }
            } catch (IOException e) {
                // the client went away
            }
        }

        private static void send(OutputStream out, String line) throws IOException {
            synchronized (out) {
                out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
                out.flush();
            }
        }

        @Override
        public void close() throws IOException {
            listener.close();
        }
    }
}
