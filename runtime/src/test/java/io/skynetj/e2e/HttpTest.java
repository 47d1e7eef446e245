package io.skynetj.e2e;

import static io.skynetj.e2e.LuaScenario.assertPassed;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpServer;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * http.httpd, http.httpc, http.url and http.sockethelper: a Lua web service in a real node, asked
 * by httpc in another service and by the JDK's HttpClient; httpc also against the JDK's HttpServer.
 */
class HttpTest {
    @TempDir
    Path dir;

    /** A test module: listen(on_connection, tag) listens on 127.0.0.1 at a free port, answers any "lua"
     *  request with that port, prints "tag PORT port", and forks on_connection(fd, addr) (not started). */
    static final String LISTEN_MODULE = """
        local skynet = require "skynet"
        local socket = require "skynet.socket"
        return function(on_connection, tag)
            local listener, addr, port = socket.listen("127.0.0.1", 0)
            socket.start(listener, function(id, from) skynet.fork(on_connection, id, from) end)
            skynet.dispatch("lua", function() skynet.ret(skynet.pack(port)) end)
            print(tag .. " PORT " .. port)
        end
        """;

    static final String WEB = """
        local skynet = require "skynet"
        local socket = require "skynet.socket"
        local httpd = require "http.httpd"
        local sockethelper = require "http.sockethelper"
        local urllib = require "http.url"

        local routes = {}
        function routes.hello(method, query, header, body)
            local q = urllib.parse_query(query)
            return 200, "hello " .. tostring(q.name), { ["x-test"] = "yes", ["x-many"] = { "a", "b" } }
        end
        function routes.echo(method, query, header, body)
            return 200, method .. " " .. tostring(header["content-type"]) .. " " .. body
        end
        function routes.form(method, query, header, body)
            local f = urllib.parse_query(body)
            local c = type(f.c) == "table" and table.concat(f.c, "|") or tostring(f.c)
            return 200, string.format("a=%s b=%s c=%s", f.a, f.b, c)
        end
        function routes.chunked()
            local pieces = { "one,", "", "two,", "three" }
            local i = 0
            return 200, function()
                i = i + 1
                return pieces[i]
            end
        end
        function routes.slow()
            skynet.sleep(300)
            return 200, "late"
        end

        local function serve(id)
            socket.start(id)
            local code, url, method, header, body = httpd.read_request(sockethelper.readfunc(id), 1024)
            local write = sockethelper.writefunc(id)
            if not code then
                if url ~= sockethelper.socket_error then skynet.error("read failed: " .. tostring(url)) end
            elseif code ~= 200 then
                httpd.write_response(write, code)
            else
                local path, query = urllib.parse(url)
                local route = routes[string.match(path, "^/(%w+)")]
                if route then
                    httpd.write_response(write, route(method, query, header, body))
                else
                    httpd.write_response(write, 404, "no " .. path)
                end
            end
            socket.close(id)
        end

        skynet.start(function()
            require "listen"(serve, "WEB")
        end)
        """;

    static final String CLIENT = """
        local skynet = require "skynet"
        local httpc = require "http.httpc"
        local check = require "check"
        local JAVA, DEAD = %d, %d

        skynet.start(function()
            local web = skynet.newservice("web")
            local host = "127.0.0.1:" .. skynet.call(web, "lua", "port")
            local header = {}
            local code, body = httpc.get(host, "/hello?name=skynet%%20j&x=1", header)
            check.eq("get", code .. " " .. body, "200 hello skynet j")
            check.eq("reply header", header["x-test"], "yes")
            check.eq("repeated reply header", type(header["x-many"]) == "table" and table.concat(header["x-many"], ",") or header["x-many"], "a,b")
            code, body = httpc.request("POST", "http://" .. host, "/echo", nil, { ["content-type"] = "text/plain" }, "some text")
            check.eq("post body", body, "POST text/plain some text")
            code, body = httpc.post(host, "/form", { a = "x y", b = "&=?" })
            check.eq("form escapes", body, "a=x y b=&=? c=nil")
            code, body = httpc.request("POST", host, "/form", nil, { ["content-type"] = "application/x-www-form-urlencoded" }, "a=1&b=2&c=3&c=4")
            check.eq("repeated fields", body, "a=1 b=2 c=3|4")
            code, body = httpc.get(host, "/chunked")
            check.eq("chunked reply", body, "one,two,three")
            local stream = httpc.request_stream("GET", host, "/chunked")
            local pieces = {}
            for piece in stream do pieces[#pieces + 1] = piece end
            check.eq("stream", stream.status .. " " .. table.concat(pieces, "|"), "200 one,|two,|three")
            code, body = httpc.get(host, "/missing")
            check.eq("404", code .. " " .. body, "404 no /missing")
            code = httpc.request("POST", host, "/echo", nil, nil, string.rep("x", 2000))
            check.eq("body over the limit", code, 413)
            check.eq("head", httpc.head(host, "/hello"), 200)

            code, body = httpc.get("127.0.0.1:" .. JAVA, "/java-chunked")
            check.eq("chunked from the JDK server", body, string.rep("0123456789", 1000))
            code, body = httpc.get("127.0.0.1:" .. JAVA, "/java-fixed")
            check.eq("fixed from the JDK server", code .. " " .. body, "201 fixed")

            httpc.timeout = 50
            local ok, err = pcall(httpc.get, host, "/slow")
            check.ok("timeout", not ok and tostring(err):find("read failed", 1, true), tostring(err))
            httpc.timeout = nil
            ok, err = pcall(httpc.get, "127.0.0.1:" .. DEAD, "/")
            check.ok("refused", not ok and tostring(err):find("connect failed", 1, true), tostring(err))
            ok, err = pcall(httpc.get, "ftp://127.0.0.1", "/")
            check.ok("bad protocol", not ok and tostring(err):find("Invalid protocol: ftp", 1, true), tostring(err))
            print("DONE")
        end)
        """;

    /** Sends raw bytes to the server and returns the status line it answers with. */
    private static String rawStatusLine(int port, String request) throws java.io.IOException {
        try (java.net.Socket s = new java.net.Socket(InetAddress.getLoopbackAddress(), port)) {
            s.setSoTimeout((int) TestNode.DEADLINE.toMillis());
            s.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            return new java.io.BufferedReader(new java.io.InputStreamReader(s.getInputStream(), StandardCharsets.US_ASCII)).readLine();
        }
    }

    @Test
    void httpdServesHttpcAndTheJdkClient() throws Exception {
        int dead;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            dead = s.getLocalPort();
        }
        HttpServer jdk = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        jdk.createContext("/java-chunked", ex -> {
            ex.sendResponseHeaders(200, 0); // length 0: the JDK server sends it chunked
            try (OutputStream out = ex.getResponseBody()) {
                for (int i = 0; i < 1000; i++) out.write("0123456789".getBytes(StandardCharsets.US_ASCII));
            }
        });
        jdk.createContext("/java-fixed", ex -> {
            byte[] b = "fixed".getBytes(StandardCharsets.US_ASCII);
            ex.sendResponseHeaders(201, b.length);
            try (OutputStream out = ex.getResponseBody()) {
                out.write(b);
            }
        });
        jdk.start();
        try (TestNode node = LuaScenario.node(dir).service("listen", LISTEN_MODULE).service("web", WEB)
                .service("main", CLIENT.formatted(jdk.getAddress().getPort(), dead)).start("main")) {
            assertPassed(node, "get", "reply header", "repeated reply header", "post body", "form escapes", "repeated fields",
                "chunked reply", "stream", "404", "body over the limit", "head", "chunked from the JDK server",
                "fixed from the JDK server", "timeout", "refused", "bad protocol");

            int port = Integer.parseInt(node.await("WEB PORT ").replaceAll(".*WEB PORT ", "").trim());
            // a client per request: the Lua server closes each connection after its response (as skynet's
            // examples do), and a pooled connection could be taken again before its close is noticed
            java.util.function.Supplier<HttpClient> client = () -> HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
            String base = "http://127.0.0.1:" + port;
            HttpResponse<String> r = client.get().send(HttpRequest.newBuilder(URI.create(base + "/hello?name=java")).build(),
                HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            assertEquals("hello java", r.body());
            assertEquals("yes", r.headers().firstValue("x-test").orElse(null));
            r = client.get().send(HttpRequest.newBuilder(URI.create(base + "/echo")).header("content-type", "a/b")
                .POST(HttpRequest.BodyPublishers.ofString("posted")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals("POST a/b posted", r.body());
            r = client.get().send(HttpRequest.newBuilder(URI.create(base + "/chunked")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals("one,two,three", r.body());
            assertEquals("chunked", r.headers().firstValue("transfer-encoding").orElse(null));
            r = client.get().send(HttpRequest.newBuilder(URI.create(base + "/nothing")).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(404, r.statusCode());
            // a body of unknown length: the JDK client sends it chunked
            r = client.get().send(HttpRequest.newBuilder(URI.create(base + "/echo")).header("content-type", "c/d")
                .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(
                    "streamed body".getBytes(StandardCharsets.US_ASCII)))).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals("POST c/d streamed body", r.body());

            assertEquals("HTTP/1.1 400 Bad Request", rawStatusLine(port, "GARBAGE\r\n\r\n"));
            assertEquals("HTTP/1.1 505 HTTP Version not supported", rawStatusLine(port, "GET / HTTP/2.0\r\n\r\n"));
            assertEquals("HTTP/1.1 501 Not Implemented", rawStatusLine(port, "POST /echo HTTP/1.1\r\ntransfer-encoding: gzip\r\n\r\n"));
            assertEquals("HTTP/1.1 413 Request Entity Too Large", rawStatusLine(port, "GET / HTTP/1.1\r\nx: " + "y".repeat(10_000)));
            assertEquals("HTTP/1.1 200 OK", rawStatusLine(port, "GET /hello HTTP/1.1\r\n\r\n"), "still serving");
        } finally {
            jdk.stop(0);
        }
    }
}
