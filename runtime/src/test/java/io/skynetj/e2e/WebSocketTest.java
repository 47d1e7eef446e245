package io.skynetj.e2e;

import static io.skynetj.e2e.LuaScenario.assertPassed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * http.websocket: an echo server in a Lua service, used by skynetj's websocket client in another
 * service and by the JDK's WebSocket client: text, binary, long and fragmented messages, ping/pong,
 * close from either side.
 */
class WebSocketTest {
    @TempDir
    Path dir;

    static final String ECHO = """
        local skynet = require "skynet"
        local websocket = require "http.websocket"

        local handle = {}
        function handle.handshake(id, header, url)
            print("WS HANDSHAKE " .. url .. " " .. tostring(header["x-client"]))
        end
        function handle.message(id, msg, op)
            if msg == "close-me" then
                websocket.close(id, 4000, "bye")
            elseif msg == "kick-me" then
                -- closed by another coroutine while this one waits for the next frame
                skynet.fork(function() websocket.close(id, 4001, "kicked") end)
            else
                websocket.write(id, (op == "binary" and "bin:" or "echo:") .. msg, op == "binary" and "binary" or "text")
            end
        end
        function handle.ping(id)
            print("WS PING")
        end
        function handle.close(id, code, reason)
            print("WS CLOSE " .. tostring(code) .. " " .. tostring(reason))
        end
        function handle.error(id)
            print("WS ERROR")
        end

        skynet.start(function()
            require "listen"(function(id, addr)
                local ok, err = websocket.accept(id, handle, "ws", addr)
                if not ok then print("WS ACCEPT FAILED " .. tostring(err)) end
            end, "WS")
        end)
        """;

    /** An HTTP server that hands /ws requests over to websocket.accept (options.upgrade). */
    static final String UPGRADER = """
        local skynet = require "skynet"
        local socket = require "skynet.socket"
        local httpd = require "http.httpd"
        local sockethelper = require "http.sockethelper"
        local websocket = require "http.websocket"

        local handle = {}
        function handle.message(id, msg) websocket.write(id, "upgraded:" .. msg) end

        skynet.start(function()
            require "listen"(function(id, addr)
                socket.start(id)
                local code, url, method, header = httpd.read_request(sockethelper.readfunc(id), 8192)
                if code == 200 and url == "/ws" then
                    websocket.accept(id, handle, "ws", addr, { upgrade = { header = header, method = method, url = url } })
                else
                    httpd.write_response(sockethelper.writefunc(id), 404, "not here")
                    socket.close(id)
                end
            end, "UPGRADER")
        end)
        """;

    static final String CLIENT = """
        local skynet = require "skynet"
        local websocket = require "http.websocket"
        local check = require "check"

        skynet.start(function()
            local echo = skynet.newservice("echo")
            local url = "ws://127.0.0.1:" .. skynet.call(echo, "lua", "port") .. "/chat?room=1"
            local ws = websocket.connect(url, { ["x-client"] = "lua" })
            websocket.write(ws, "hello")
            check.eq("text", websocket.read(ws), "echo:hello")
            local bytes = {}
            for i = 0, 255 do bytes[#bytes + 1] = string.char(i) end
            websocket.write(ws, table.concat(bytes), "binary")
            check.eq("binary", websocket.read(ws), "bin:" .. table.concat(bytes))
            local long = string.rep("0123456789", 7000)
            websocket.write(ws, long)
            check.eq("long (64-bit length)", websocket.read(ws), "echo:" .. long)
            websocket.write(ws, "masked", "text", 0x12345678)
            check.eq("chosen mask", websocket.read(ws), "echo:masked")
            websocket.ping(ws)
            websocket.write(ws, "after ping")
            check.eq("pong skipped", websocket.read(ws), "echo:after ping")
            check.eq("addrinfo", websocket.addrinfo(ws), string.match(url, "//([^/]+)"))
            websocket.close(ws, 1000, "done")
            check.ok("closed", websocket.is_close(ws))

            -- the server closes
            ws = websocket.connect(url)
            websocket.write(ws, "close-me")
            local ok, payload = websocket.read(ws)
            check.eq("server close", tostring(ok) .. " " .. string.unpack(">I2", payload) .. " " .. payload:sub(3), "false 4000 bye")
            check.ok("closed by server", websocket.is_close(ws))

            ws = websocket.connect(url)
            websocket.write(ws, "kick-me")
            ok, payload = websocket.read(ws)
            check.eq("kicked", tostring(ok) .. " " .. payload:sub(3), "false kicked")

            local upgrader = skynet.newservice("upgrader")
            local up = websocket.connect("ws://127.0.0.1:" .. skynet.call(upgrader, "lua") .. "/ws")
            websocket.write(up, "via httpd")
            check.eq("upgrade from httpd", websocket.read(up), "upgraded:via httpd")
            websocket.close(up)
            local refused, why = pcall(websocket.connect, "ws://127.0.0.1:" .. skynet.call(upgrader, "lua") .. "/other")
            check.ok("refused handshake", not refused and tostring(why):find("code[404]", 1, true), tostring(why))

            local bad, err = pcall(websocket.connect, "ws://127.0.0.1:" .. skynet.call(echo, "lua", "port") .. "x")
            check.ok("bad url", not bad)
            bad, err = pcall(websocket.connect, "http://127.0.0.1:1/")
            check.ok("not a websocket url", not bad and tostring(err):find("invalid protocol: http", 1, true), tostring(err))
            print("DONE")
        end)
        """;

    @Test
    void echoServerWithLuaAndJdkClients() throws Exception {
        try (TestNode node = LuaScenario.node(dir).service("listen", HttpTest.LISTEN_MODULE).service("echo", ECHO).service("upgrader", UPGRADER).service("main", CLIENT).start("main")) {
            assertPassed(node, "text", "binary", "long (64-bit length)", "chosen mask", "pong skipped", "addrinfo", "closed",
                "server close", "closed by server", "kicked", "upgrade from httpd", "refused handshake", "bad url", "not a websocket url");
            node.await("WS HANDSHAKE /chat?room=1 lua");
            node.await("WS CLOSE 1000 done");
            node.await("WS PING");
            node.await("WS CLOSE nil nil"); // the kicked connection: its handler learns it is closed
            assertTrue(node.lines().stream().noneMatch(l -> l.startsWith("WS ACCEPT FAILED") || l.startsWith("WS ERROR")), node::output);

            int port = Integer.parseInt(node.await("WS PORT ").replaceAll(".*WS PORT ", "").trim());
            LinkedBlockingQueue<String> got = new LinkedBlockingQueue<>();
            WebSocket.Listener listener = new WebSocket.Listener() {
                final StringBuilder text = new StringBuilder();

                @Override
                public CompletionStage<?> onText(WebSocket ws, CharSequence data, boolean last) {
                    text.append(data);
                    if (last) {
                        got.add("text " + text);
                        text.setLength(0);
                    }
                    ws.request(1);
                    return null;
                }

                @Override
                public CompletionStage<?> onBinary(WebSocket ws, ByteBuffer data, boolean last) {
                    return event(ws, "binary", data);
                }

                @Override
                public CompletionStage<?> onPong(WebSocket ws, ByteBuffer message) {
                    return event(ws, "pong", message);
                }

                private CompletionStage<?> event(WebSocket ws, String kind, ByteBuffer data) {
                    got.add(kind + " " + java.nio.charset.StandardCharsets.ISO_8859_1.decode(data));
                    ws.request(1);
                    return null;
                }

                @Override
                public CompletionStage<?> onClose(WebSocket ws, int status, String reason) {
                    got.add("close " + status + " " + reason);
                    return null;
                }
            };
            WebSocket ws = HttpClient.newHttpClient().newWebSocketBuilder().header("x-client", "java")
                .buildAsync(URI.create("ws://127.0.0.1:" + port + "/java"), listener).get(10, TimeUnit.SECONDS);
            ws.sendText("from java", true).get(10, TimeUnit.SECONDS);
            assertEquals("text echo:from java", next(got));
            ws.sendBinary(ByteBuffer.wrap(new byte[] {1, 2, (byte) 250}), true).get(10, TimeUnit.SECONDS);
            assertEquals("binary bin:\u0001\u0002\u00fa", next(got));
            ws.sendText("frag", false).get(10, TimeUnit.SECONDS);
            ws.sendText("mented", true).get(10, TimeUnit.SECONDS);
            assertEquals("text echo:fragmented", next(got));
            ws.sendPing(ByteBuffer.wrap("p1".getBytes(java.nio.charset.StandardCharsets.US_ASCII))).get(10, TimeUnit.SECONDS);
            assertEquals("pong p1", next(got));
            ws.sendClose(1001, "java done").get(10, TimeUnit.SECONDS);
            node.await("WS HANDSHAKE /java java");
            node.await("WS CLOSE 1001 java done");
            assertTrue(next(got).startsWith("close "));

            // a plain HTTP request is refused with 426
            HttpClient http = HttpClient.newHttpClient();
            var r = http.send(java.net.http.HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(426, r.statusCode());
            assertEquals("Upgrade Required", r.body());
        }
    }

    private static String next(LinkedBlockingQueue<String> q) throws InterruptedException {
        String s = q.poll(TestNode.DEADLINE.toSeconds(), TimeUnit.SECONDS);
        if (s == null) throw new AssertionError("no websocket event in time");
        return s;
    }
}
