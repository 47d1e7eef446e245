package io.skynetj.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.skynetj.kernel.Node;
import io.skynetj.lua.Pack;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.luaj.vm2.LuaValue;

/**
 * Cluster peers that misbehave, through real TCP to a real node: a flood of idle connections, an
 * oversized announcement, too many sessions on one link, a connection that never sends a request.
 * Each loses only its own link; a real skynetj peer still connects and calls.
 */
class ClusterFaultTest {
    @TempDir
    Path dir;

    private static final String LISTENER = """
        local skynet = require "skynet"
        local cluster = require "skynet.cluster"
        skynet.start(function()
            skynet.newservice("echo")
            local host, port = cluster.open(0, 16)
            print("LISTEN " .. port)
        end)
        """;

    /** Calls B's echo once per "lua" message it gets (the message is the tag); "uncaught" calls B's failing command unprotected. */
    private static final String CALLER = """
        local skynet = require "skynet"
        require "skynet.manager"
        local cluster = require "skynet.cluster"
        skynet.start(function()
            skynet.register(".main")
            skynet.dispatch("lua", function(_, _, tag)
                if tag == "uncaught" then cluster.call("B", "@svc", "err") end
                local ok, r = pcall(cluster.call, "B", "@svc", "echo", tag)
                print("CALL " .. tag .. " " .. tostring(ok) .. " " .. tostring(r))
            end)
            print("CALLER READY")
        end)
        """;

    private TestNode node(String name, String main) throws IOException {
        return LuaScenario.node(Files.createDirectories(dir.resolve(name))).service("echo", ClusterNodes.ECHO).service("main", main);
    }

    private void call(TestNode a, String tag) throws InterruptedException {
        a.await("CALLER READY");
        ClusterNodes.tell(a, ".main", tag);
        a.await("CALL " + tag + " true " + tag);
    }

    @Test
    void floodsOversizedMessagesAndGreedyPeersLoseOnlyTheirOwnLink() throws Exception {
        try (TestNode b = node("b", LISTENER).config("cluster_max_sessions", "4").start("main")) {
            int port = ClusterNodes.listenPort(b);
            List<Socket> flood = new ArrayList<>();
            try {
                for (int i = 0; i < 40; i++) flood.add(connect(port)); // 16 slots, 40 sockets that never send a byte
                b.await("all 16 connections of 127.0.0.1:" + port + " are taken, and a new one needs the slot");
                try (TestNode a = node("a", CALLER).config("cluster", ClusterNodes.clusterFile(dir, "nodes.lua", "B", port)).start("main")) {
                    call(a, "after-the-flood");
                    assertEquals("", readToEnd(flood.getFirst()), "the oldest idle socket gave way");

                    try (Socket huge = connect(port)) { // announces a message of almost 4 GiB
                        send(huge, largeHeader("@svc", 1, 0xfffffff0));
                        readToEnd(huge);
                        b.await("a message of 4294967280 bytes announced; cluster_max_message is 67108864");
                    }
                    call(a, "after-the-announcement");

                    try (Socket greedy = connect(port)) { // a fifth request while four wait for their replies
                        for (int session = 1; session <= 5; session++) send(greedy, request("@svc", session, "sleep", 300));
                        readToEnd(greedy);
                        b.await("more than 4 requests at once on one link (cluster_max_sessions)");
                    }
                    call(a, "after-the-sessions");

                    ClusterNodes.tell(a, ".main", "uncaught");
                    a.await("boom from echo");
                    call(a, "after-the-error");
                    assertEquals(1, a.lines().stream().filter(l -> l.contains("boom from echo")).count(), a::output);
                }
            } finally {
                for (Socket s : flood) s.close();
            }
        }
    }

    @Test
    void aConnectionThatSendsNoRequestIsClosedAfterTheHandshakeTimeout() throws Exception {
        try (TestNode b = node("b", LISTENER).config("cluster_handshake_timeout", "0.5").start("main")) {
            int port = ClusterNodes.listenPort(b);
            try (Socket idle = connect(port)) {
                idle.getOutputStream().write(0); // half a frame header: not a request
                assertEquals("", readToEnd(idle));
                b.await("closed: no request within 0.5 s (cluster_handshake_timeout)");
            }
            try (TestNode a = node("a", CALLER).config("cluster", ClusterNodes.clusterFile(dir, "nodes.lua", "B", port)).start("main")) {
                call(a, "after-the-timeout");
                // A's link drops and A reconnects in the background before any call needs it: that connection
                // says at once that it is a peer's, so B keeps it though no request comes
                Node nodeB = b.node().node();
                nodeB.services().stream().filter(s -> s.describe().equals("ClusterAgent")).forEach(s -> nodeB.kill(s.handle));
                a.await("reconnected to 127.0.0.1:" + port);
                try (Socket later = connect(port)) { // accepted after A's reconnection: its deadline comes later
                    assertEquals("", readToEnd(later));
                    b.awaitLine(l -> l.contains("from 127.0.0.1:" + later.getLocalPort() + " closed: no request"), "the later socket closed");
                }
                assertEquals(2, b.lines().stream().filter(l -> l.contains("no request within 0.5 s")).count(), b::output);
                call(a, "after-the-reconnection");
                assertEquals(1, a.lines().stream().filter(l -> l.contains("reconnecting")).count(), a::output);
            }
        }
    }

    private static Socket connect(int port) throws IOException {
        Socket s = new Socket(InetAddress.getLoopbackAddress(), port);
        s.setSoTimeout((int) TestNode.DEADLINE.toMillis());
        return s;
    }

    /** What arrives until the node closes the connection (a reset counts as closed). */
    private static String readToEnd(Socket s) throws IOException {
        ByteArrayOutputStream got = new ByteArrayOutputStream();
        InputStream in = s.getInputStream();
        try {
            for (int b = in.read(); b >= 0; b = in.read()) got.write(b);
        } catch (SocketException reset) {
            // closed
        }
        return got.toString(StandardCharsets.ISO_8859_1);
    }

    private static void send(Socket s, byte[] body) throws IOException {
        byte[] frame = new byte[2 + body.length];
        frame[0] = (byte) (body.length >>> 8);
        frame[1] = (byte) body.length;
        System.arraycopy(body, 0, frame, 2, body.length);
        s.getOutputStream().write(frame);
    }

    /** skynet's request to a name: tag 0x80, name length, name, session (uint32 LE), payload. */
    private static byte[] request(String name, int session, String cmd, int arg) {
        byte[] payload = Pack.pack(LuaValue.varargsOf(LuaValue.valueOf(cmd), LuaValue.valueOf(arg)));
        ByteArrayOutputStream b = named(0x80, name, session);
        b.writeBytes(payload);
        return b.toByteArray();
    }

    /** skynet's header of a large request to a name: tag 0x81, name length, name, session, size (uint32 LE). */
    private static byte[] largeHeader(String name, int session, long size) {
        ByteArrayOutputStream b = named(0x81, name, session);
        writeInt(b, (int) size);
        return b.toByteArray();
    }

    private static ByteArrayOutputStream named(int tag, String name, int session) {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        b.write(tag);
        b.write(name.length());
        b.writeBytes(name.getBytes(StandardCharsets.US_ASCII));
        writeInt(b, session);
        return b;
    }

    private static void writeInt(ByteArrayOutputStream b, int v) {
        for (int i = 0; i < 4; i++) b.write(v >>> (8 * i));
    }
}
