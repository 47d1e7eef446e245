package io.skynetj.e2e;

import static io.skynetj.e2e.LuaScenario.assertPassed;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.Base64;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * TLS through the JDK (ltls.c, http.tlshelper): httpc over https to the JDK's HttpsServer, a wss
 * echo server in Lua used by the Lua client and by the JDK's WebSocket client, and a client that
 * checks certificates refusing a self-signed one. The certificate is made by keytool for each run.
 */
class TlsTest {
    @TempDir
    Path dir;

    private KeyStore keys;
    private Path cert, key;

    @BeforeEach
    void makeCertificate() throws Exception {
        Path store = dir.resolve("keys.p12");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
            "-genkeypair", "-keyalg", "RSA", "-keysize", "2048", "-alias", "server", "-dname", "CN=localhost",
            "-ext", "SAN=dns:localhost,ip:127.0.0.1", "-validity", "2", "-storetype", "PKCS12",
            "-keystore", store.toString(), "-storepass", "secret").redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals(0, p.waitFor(), out);
        keys = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(store)) {
            keys.load(in, "secret".toCharArray());
        }
        cert = dir.resolve("server-cert.pem");
        key = dir.resolve("server-key.pem");
        Files.writeString(cert, pem("CERTIFICATE", keys.getCertificate("server").getEncoded()));
        Files.writeString(key, pem("PRIVATE KEY", keys.getKey("server", "secret".toCharArray()).getEncoded()));
    }

    private static String pem(String kind, byte[] der) {
        return "-----BEGIN " + kind + "-----\n" + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
            + "\n-----END " + kind + "-----\n";
    }

    private SSLContext serverContext() throws Exception {
        KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        kmf.init(keys, "secret".toCharArray());
        SSLContext ssl = SSLContext.getInstance("TLS");
        ssl.init(kmf.getKeyManagers(), null, null);
        return ssl;
    }

    static final String WSS_ECHO = """
        local skynet = require "skynet"
        local websocket = require "http.websocket"
        local handle = {}
        function handle.message(id, msg, op) websocket.write(id, "tls:" .. msg, op) end
        skynet.start(function()
            require "listen"(function(id, addr)
                local ok, err = websocket.accept(id, handle, "wss", addr)
                if not ok then print("WSS ACCEPT FAILED " .. tostring(err)) end
            end, "WSS")
        end)
        """;

    static final String MAIN = """
        local skynet = require "skynet"
        local httpc = require "http.httpc"
        local websocket = require "http.websocket"
        local check = require "check"
        local HTTPS = %d

        skynet.start(function()
            local code, body = httpc.get("https://127.0.0.1:" .. HTTPS, "/small")
            check.eq("https", code .. " " .. body, "200 small and secret")
            code, body = httpc.get("https://127.0.0.1:" .. HTTPS, "/big")
            check.eq("https chunked, many records", #body .. " " .. body:sub(1, 10), "200000 0123456789")
            local stream = httpc.request_stream("GET", "https://127.0.0.1:" .. HTTPS, "/big")
            local size = 0
            for piece in stream do size = size + #piece end
            check.eq("https stream", size, 200000)

            local echo = skynet.newservice("wss_echo")
            local ws = websocket.connect("wss://127.0.0.1:" .. skynet.call(echo, "lua") .. "/")
            websocket.write(ws, "hello")
            check.eq("wss", websocket.read(ws), "tls:hello")
            local long = string.rep("x", 100000)
            websocket.write(ws, long, "binary")
            check.eq("wss long", websocket.read(ws), "tls:" .. long)
            websocket.close(ws)
            print("DONE")
        end)
        """;

    @Test
    void httpsAndWssWithoutVerification() throws Exception {
        HttpsServer https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        https.setHttpsConfigurator(new HttpsConfigurator(serverContext()));
        https.createContext("/small", ex -> reply(ex, "small and secret".getBytes(StandardCharsets.US_ASCII), false));
        https.createContext("/big", ex -> reply(ex, "0123456789".repeat(20_000).getBytes(StandardCharsets.US_ASCII), true));
        https.start();
        try (TestNode node = LuaScenario.node(dir).config("tls_verify", "false").config("certfile", cert.toString())
                .config("keyfile", key.toString()).service("listen", HttpTest.LISTEN_MODULE).service("wss_echo", WSS_ECHO)
                .service("main", MAIN.formatted(https.getAddress().getPort())).start("main")) {
            assertPassed(node, "https", "https chunked, many records", "https stream", "wss", "wss long");

            int port = Integer.parseInt(node.await("WSS PORT ").replaceAll(".*WSS PORT ", "").trim());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(keys);
            SSLContext trusting = SSLContext.getInstance("TLS");
            trusting.init(null, tmf.getTrustManagers(), null);
            CompletableFuture<String> got = new CompletableFuture<>();
            WebSocket ws = HttpClient.newBuilder().sslContext(trusting).build().newWebSocketBuilder()
                .buildAsync(URI.create("wss://localhost:" + port + "/"), new WebSocket.Listener() {
                    @Override
                    public CompletionStage<?> onText(WebSocket w, CharSequence data, boolean last) {
                        got.complete(data.toString());
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
            ws.sendText("from java", true).get(10, TimeUnit.SECONDS);
            assertEquals("tls:from java", got.get(10, TimeUnit.SECONDS));
            ws.sendClose(1000, "").get(10, TimeUnit.SECONDS);
        } finally {
            https.stop(0);
        }
    }

    @Test
    void aVerifyingClientRefusesASelfSignedServer() throws Exception {
        HttpsServer https = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        https.setHttpsConfigurator(new HttpsConfigurator(serverContext()));
        https.createContext("/", ex -> reply(ex, "should not be read".getBytes(StandardCharsets.US_ASCII), false));
        https.start();
        try (TestNode node = LuaScenario.node(dir).service("main", """
                local skynet = require "skynet"
                local httpc = require "http.httpc"
                local check = require "check"
                skynet.start(function()
                    local ok, err = pcall(httpc.get, "https://localhost:%d", "/")
                    check.ok("refused", not ok and tostring(err):find("tls:", 1, true), tostring(err))
                    print("DONE")
                end)
                """.formatted(https.getAddress().getPort())).start("main")) {
            assertPassed(node, "refused");
        } finally {
            https.stop(0);
        }
    }

    private static void reply(com.sun.net.httpserver.HttpExchange ex, byte[] body, boolean chunked) throws java.io.IOException {
        ex.sendResponseHeaders(200, chunked ? 0 : body.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(body);
        }
    }
}
