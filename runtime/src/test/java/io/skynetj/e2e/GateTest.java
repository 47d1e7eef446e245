package io.skynetj.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.skynetj.lua.LuaNode;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gate service and skynet.netpack, through the echo example in service-scripts/examples/gate
 * (gate + watchdog + an agent per connection) on a real node, with Java clients speaking 2-byte frames.
 */
class GateTest {
    @TempDir
    Path dir;

    private TestNode echoNode() throws IOException {
        String examples = LuaNode.home().resolve("service-scripts/examples/gate").toString();
        return new TestNode(dir).config("luaservice", examples + "/?.lua;" + dir + "/?.lua").config("gate_address", "127.0.0.1")
            .config("gate_port", "0").config("console", "127.0.0.1:0").start("echo_main");
    }

    private static int gatePort(TestNode node) throws InterruptedException {
        String line = node.await("echo gate listening on ");
        return Integer.parseInt(line.substring(line.lastIndexOf(':') + 1));
    }

    static byte[] frame(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        byte[] f = new byte[b.length + 2];
        f[0] = (byte) (b.length >> 8);
        f[1] = (byte) b.length;
        System.arraycopy(b, 0, f, 2, b.length);
        return f;
    }

    static String readFrame(DataInputStream in) throws IOException {
        int size = in.readUnsignedShort();
        return new String(in.readNBytes(size), StandardCharsets.UTF_8);
    }

    private static void writeFlushed(OutputStream out, byte[] b, int from, int to) throws IOException {
        out.write(b, from, to - from);
        out.flush();
    }

    @Test
    void splitAndMergedFramesReachTheAgentInOrder() throws Exception {
        try (TestNode node = echoNode(); ConsoleConnection console = ConsoleConnection.open(node.consolePort())) {
            int port = gatePort(node);
            try (Socket a = SocketTest.client(port); Socket b = SocketTest.client(port)) {
                DataInputStream inA = new DataInputStream(a.getInputStream());
                DataInputStream inB = new DataInputStream(b.getInputStream());
                OutputStream outA = a.getOutputStream();
                // merged: three frames in one write
                ByteArrayOutputStream merged = new ByteArrayOutputStream();
                for (String s : List.of("one", "two", "three")) merged.write(frame(s));
                outA.write(merged.toByteArray());
                assertEquals("echo: one", readFrame(inA));
                assertEquals("echo: two", readFrame(inA));
                assertEquals("echo: three", readFrame(inA));
                // split: the header cut after its first byte, the body in two parts; then a frame
                // and a half in one write, the rest later
                byte[] f = frame("split frame");
                writeFlushed(outA, f, 0, 1);
                b.getOutputStream().write(frame("from b")); // another connection in between
                assertEquals("echo: from b", readFrame(inB));
                writeFlushed(outA, f, 1, 5);
                writeFlushed(outA, f, 5, f.length);
                assertEquals("echo: split frame", readFrame(inA));
                byte[] g = frame("gamma");
                byte[] h = frame("a longer delta frame");
                ByteArrayOutputStream oneAndAHalf = new ByteArrayOutputStream();
                oneAndAHalf.write(g);
                oneAndAHalf.write(h, 0, 7);
                outA.write(oneAndAHalf.toByteArray());
                assertEquals("echo: gamma", readFrame(inA));
                writeFlushed(outA, h, 7, h.length);
                assertEquals("echo: a longer delta frame", readFrame(inA));
                // the largest frame there is: 65535 bytes of body, echoed with its prefix
                String big = "x".repeat(65535 - "echo: ".length());
                outA.write(frame(big));
                assertEquals("echo: " + big, readFrame(inA));
                // quit: the watchdog kicks the connection and stops its agent
                outA.write(frame("quit"));
                assertEquals(-1, inA.read());
                assertTrue(node.await("agent for connection ").endsWith(" answered 7 messages"), node.output());
                b.getOutputStream().write(frame("still here"));
                assertEquals("echo: still here", readFrame(inB));
            }
            SocketLifecycleTest.awaitNetstat(console, 1); // only the gate's listening socket is left
        }
    }

    /** Garbage, a frame cut by a disconnect and a reset connection hurt only their own connections. */
    @Test
    void badClientsOnlyAffectThemselves() throws Exception {
        try (TestNode node = echoNode(); ConsoleConnection console = ConsoleConnection.open(node.consolePort())) {
            int port = gatePort(node);
            try (Socket good = SocketTest.client(port)) {
                DataInputStream in = new DataInputStream(good.getInputStream());
                for (int i = 0; i < 20; i++) {
                    try (Socket bad = SocketTest.client(port)) {
                        // a header announcing 65535 bytes, some random bytes, then gone mid-frame
                        byte[] junk = new byte[1000];
                        new java.util.Random(i).nextBytes(junk);
                        junk[0] = (byte) 0xff;
                        junk[1] = (byte) 0xff;
                        bad.getOutputStream().write(junk);
                        if (i % 2 == 0) bad.setSoLinger(true, 0); // half of them reset the connection
                    }
                    good.getOutputStream().write(frame("ping " + i));
                    assertEquals("echo: ping " + i, readFrame(in));
                }
            }
            SocketLifecycleTest.awaitNetstat(console, 1);
        }
    }

    /** netpack by itself: pack's framing and its size limit, tostring, pop on an empty queue. */
    @Test
    void netpackPackAndLimits() throws Exception {
        String main = """
            local skynet = require "skynet"
            local netpack = require "skynet.netpack"
            local check = require "check"
            skynet.start(function()
                local msg, sz = netpack.pack("hello")
                check.eq("pack size", sz, 7)
                check.eq("pack bytes", skynet.tostring(msg, sz), "\\0\\5hello")
                local m2, s2 = netpack.pack(msg, sz)
                check.eq("pack a block", netpack.tostring(m2, s2), "\\0\\7\\0\\5hello")
                local _, max = netpack.pack(string.rep("x", 65535))
                check.eq("largest frame", max, 65537)
                check.raises("oversized frame", "Invalid size (too long) of data : 65536", netpack.pack, string.rep("x", 65536))
                check.eq("tostring of nothing", netpack.tostring(nil, 0), "")
                check.eq("pop of no queue", select("#", netpack.pop(nil)), 0)
                netpack.clear(nil)
                print("DONE")
            end)
            """;
        try (TestNode node = LuaScenario.node(dir).service("main", main).start("main")) {
            LuaScenario.assertPassed(node, "pack size", "pack bytes", "pack a block", "largest frame", "oversized frame",
                "tostring of nothing", "pop of no queue");
        }
    }
    /** A watchdog of its own: accept (packets come to it as "data"), kick, close events, and maxclient. */
    @Test
    void watchdogAcceptKickAndMaxclient() throws Exception {
        String main = """
            local skynet = require "skynet"
            local gate
            skynet.start(function()
                skynet.dispatch("lua", function(_, _, what, event, fd, data)
                    print(string.upper(event) .. " " .. fd .. " " .. tostring(data))
                    if event == "open" then
                        skynet.call(gate, "lua", "accept", fd)
                    elseif event == "data" and data == "kick" then
                        skynet.call(gate, "lua", "kick", fd)
                    end
                end)
                gate = skynet.newservice("gate")
                local addr, port = skynet.call(gate, "lua", "open", { address = "127.0.0.1", port = 0, maxclient = 2 })
                print("GATE " .. addr .. ":" .. port)
            end)
            """;
        try (TestNode node = new TestNode(dir).service("main", main).start("main")) {
            String gate = node.await("GATE ");
            int port = Integer.parseInt(gate.substring(gate.lastIndexOf(':') + 1));
            try (Socket first = SocketTest.client(port)) {
                String firstFd = node.await("OPEN ").split(" ")[1];
                try (Socket second = SocketTest.client(port)) {
                    // maxclient 2 counts the connection being accepted: a second one at once is refused
                    SocketTest.assertClosedByPeer(second);
                }
                first.getOutputStream().write(frame("hello"));
                assertEquals("DATA " + firstFd + " hello", node.await("DATA "));
                first.getOutputStream().write(frame("kick"));
                assertEquals(-1, first.getInputStream().read());
                node.await("CLOSE " + firstFd + " nil");
            }
        }
    }
}
