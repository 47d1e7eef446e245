package io.skynetj.e2e;

import static io.skynetj.e2e.LuaScenario.assertPassed;
import static io.skynetj.testing.GoldenBytes.concat;
import static io.skynetj.testing.GoldenBytes.hex;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.skynetj.lua.Pack;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.luaj.vm2.LuaValue;

/**
 * A skynetj node against a scripted peer that speaks the bytes captured from real skynet (reference
 * skynet-cluster.md §2.7 and §5): first as the caller of a fake skynet listener, then as the listener
 * of a fake skynet sender. Sessions are this node's own, so they differ from the dumps where noted.
 */
class SkynetWireTest {
    @TempDir
    Path dir;

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static byte[] readFrame(DataInputStream in) throws IOException {
        int len = in.readUnsignedShort();
        byte[] f = new byte[2 + len];
        f[0] = (byte) (len >>> 8);
        f[1] = (byte) len;
        in.readFully(f, 2, len);
        return f;
    }

    private static void expect(DataInputStream in, byte[] frame) throws IOException {
        assertEquals(hex(frame), hex(readFrame(in)));
    }

    private static void expect(DataInputStream in, String frameHex) throws IOException {
        expect(in, hex(frameHex));
    }

    private static byte[] le(int v) {
        return new byte[] {(byte) v, (byte) (v >>> 8), (byte) (v >>> 16), (byte) (v >>> 24)};
    }

    private static final byte[] LEN_40000 = Pack.pack(LuaValue.varargsOf(LuaValue.valueOf("len"), LuaValue.valueOf("A".repeat(40000))));
    private static final byte[] X_70000 = Pack.pack(LuaValue.valueOf("x".repeat(70000)));

    @Test
    void callerSendsSkynetsBytesAndReadsItsReplies() throws Exception {
        try (ServerSocket fake = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
             TestNode node = LuaScenario.node(dir).service("main", """
                local skynet = require "skynet"
                local cluster = require "skynet.cluster"
                local check = require "check"
                skynet.start(function()
                    check.eq("call by name", check.list({cluster.call("db", "@echo", "echo", 1, "a", true)}), "1,a,true")
                    local h = cluster.query("db", "echo")
                    check.eq("query", h, 10)
                    check.eq("call by number", cluster.call("db", h, "echo", 3), 3)
                    cluster.send("db", "@echo", "ping", "hello")
                    check.eq("large request", cluster.call("db", "@echo", "len", string.rep("A", 40000)), 40000)
                    check.eq("large reply", cluster.call("db", "@echo", "big", 70000), string.rep("x", 70000))
                    check.raises("error reply", "cluster call to [db] @nosuch failed: remote error: Invalid name",
                        cluster.call, "db", "@nosuch", "echo")
                    check.eq("empty reply", select("#", cluster.call("db", "@echo", "echo")), 0)
                    cluster.send("db", "@echo", "push", string.rep("P", 40000))
                    check.eq("a large push takes a session", cluster.call("db", "@echo", "echo", 9), 9)
                    print("DONE")
                end)
                """).config("cluster", ClusterNodes.clusterFile(dir, "clustername.lua", "db", fake.getLocalPort())).start("main");
             Socket s = fake.accept()) {
            DataInputStream in = new DataInputStream(s.getInputStream());
            OutputStream out = s.getOutputStream();

            expect(in, "00 15 | 80 | 05 | 40 65 63 68 6f | 01 00 00 00 | 24 65 63 68 6f 0a 01 0c 61 09");
            out.write(hex("00 0a | 01 00 00 00 | 01 | 0a 01 0c 61 09"));

            expect(in, "00 0e|00|00 00 00 00|02 00 00 00|24 65 63 68 6f"); // session 2 here, 3 in the dump
            out.write(hex("00 07|02 00 00 00|01|0a 0a"));

            expect(in, "00 10|00|0a 00 00 00|03 00 00 00|24 65 63 68 6f 0a 03");
            out.write(hex("00 07|03 00 00 00|01|0a 03"));

            // the push takes no session: the next call has session 4
            expect(in, "00 16|80|05|40 65 63 68 6f|00 00 00 00|24 70 69 6e 67 2c 68 65 6c 6c 6f");

            expect(in, "00 0f | 81 | 05 | 40 65 63 68 6f | 04 00 00 00 | 47 9c 00 00");
            expect(in, concat(hex("80 05 | 02 | 04 00 00 00"), Arrays.copyOfRange(LEN_40000, 0, 32768)));
            expect(in, concat(hex("1c 4c | 03 | 04 00 00 00"), Arrays.copyOfRange(LEN_40000, 32768, 40007)));
            out.write(hex("00 08 | 04 00 00 00 | 01 | 12 40 9c"));

            expect(in, concat(hex("00 14 80 05 40 65 63 68 6f 05 00 00 00"), hex("1c 62 69 67 22 70 11 01 00")));
            out.write(hex("00 09 | 05 00 00 00 | 02 | 75 11 01 00"));
            out.write(concat(hex("80 05 | 05 00 00 00 | 03"), Arrays.copyOfRange(X_70000, 0, 32768)));
            out.write(concat(hex("80 05 | 05 00 00 00 | 03"), Arrays.copyOfRange(X_70000, 32768, 65536)));
            out.write(concat(hex("11 7a | 05 00 00 00 | 04"), Arrays.copyOfRange(X_70000, 65536, 70005)));

            expect(in, concat(hex("00 12 80 07"), ascii("@nosuch"), hex("06 00 00 00 24 65 63 68 6f")));
            out.write(concat(hex("00 11|06 00 00 00|00"), ascii("Invalid name")));

            expect(in, concat(hex("00 10 80 05"), ascii("@echo"), hex("07 00 00 00 24 65 63 68 6f")));
            out.write(hex("00 05|07 00 00 00|01"));

            byte[] push = Pack.pack(LuaValue.varargsOf(LuaValue.valueOf("push"), LuaValue.valueOf("P".repeat(40000))));
            expect(in, concat(hex("00 0f c1 05"), ascii("@echo"), hex("08 00 00 00"), hex("48 9c 00 00")));
            expect(in, concat(hex("80 05 | 02 | 08 00 00 00"), Arrays.copyOfRange(push, 0, 32768)));
            expect(in, concat(hex("1c 4d | 03 | 08 00 00 00"), Arrays.copyOfRange(push, 32768, 40008)));
            expect(in, concat(hex("00 12 80 05"), ascii("@echo"), hex("09 00 00 00 24 65 63 68 6f 0a 09")));
            out.write(hex("00 07|09 00 00 00|01|0a 09"));
            out.flush();

            assertPassed(node, "call by name", "query", "call by number", "large request", "large reply", "error reply", "empty reply",
                "a large push takes a session");
        }
    }

    @Test
    void listenerAnswersSkynetsRequestsByteForByte() throws Exception {
        try (TestNode node = LuaScenario.node(dir).service("echo", ClusterNodes.ECHO).service("main", """
                local skynet = require "skynet"
                local cluster = require "skynet.cluster"
                skynet.start(function()
                    local echo = skynet.newservice("echo", "echo")
                    print("ECHO " .. echo)
                    local host, port = cluster.open(0)
                    print("LISTEN " .. port)
                end)
                """).start("main")) {
            String echoLine = node.await("ECHO ");
            int echo = Integer.parseInt(echoLine.substring(echoLine.indexOf("ECHO ") + 5));
            try (Socket s = new Socket(InetAddress.getLoopbackAddress(), ClusterNodes.listenPort(node))) {
                DataInputStream in = new DataInputStream(s.getInputStream());
                OutputStream out = s.getOutputStream();

                out.write(hex("00 15 | 80 | 05 | 40 65 63 68 6f | 01 00 00 00 | 24 65 63 68 6f 0a 01 0c 61 09"));
                expect(in, "00 0a | 01 00 00 00 | 01 | 0a 01 0c 61 09");

                byte[] handle = Pack.pack(LuaValue.valueOf(echo));
                out.write(hex("00 0e|00|00 00 00 00|03 00 00 00|24 65 63 68 6f"));
                expect(in, concat(hex("00"), new byte[] {(byte) (5 + handle.length)}, hex("03 00 00 00 01"), handle));

                out.write(concat(hex("00 10|00"), le(echo), hex("04 00 00 00|24 65 63 68 6f 0a 03")));
                expect(in, "00 07|04 00 00 00|01|0a 03");

                // a trace tag before a request is accepted
                out.write(concat(hex("00 1a 04"), ascii("(vm6058-db-15):00000008-1")));
                out.write(concat(hex("00 12 80 05"), ascii(".echo"), hex("0c 00 00 00 24 65 63 68 6f 0a 03")));
                expect(in, "00 07|0c 00 00 00|01|0a 03");

                out.write(hex("00 0f | 81 | 05 | 40 65 63 68 6f | 05 00 00 00 | 47 9c 00 00"));
                out.write(concat(hex("80 05 | 02 | 05 00 00 00"), Arrays.copyOfRange(LEN_40000, 0, 32768)));
                out.write(concat(hex("1c 4c | 03 | 05 00 00 00"), Arrays.copyOfRange(LEN_40000, 32768, 40007)));
                expect(in, "00 08 | 05 00 00 00 | 01 | 12 40 9c");

                out.write(concat(hex("00 14 80 05 40 65 63 68 6f 06 00 00 00"), hex("1c 62 69 67 22 70 11 01 00")));
                expect(in, "00 09 | 06 00 00 00 | 02 | 75 11 01 00");
                expect(in, concat(hex("80 05 | 06 00 00 00 | 03"), Arrays.copyOfRange(X_70000, 0, 32768)));
                expect(in, concat(hex("80 05 | 06 00 00 00 | 03"), Arrays.copyOfRange(X_70000, 32768, 65536)));
                expect(in, concat(hex("11 7a | 06 00 00 00 | 04"), Arrays.copyOfRange(X_70000, 65536, 70005)));

                out.write(concat(hex("00 12 80 07"), ascii("@nosuch"), hex("08 00 00 00 24 65 63 68 6f")));
                expect(in, concat(hex("00 11|08 00 00 00|00"), ascii("Invalid name")));

                // a push to an unknown name is answered with session 0, as skynet does (§5 #19)
                out.write(concat(hex("00 12 80 07"), ascii("@nosuch"), hex("00 00 00 00 24 65 63 68 6f")));
                expect(in, concat(hex("00 11|00 00 00 00|00"), ascii("Invalid name")));

                // the remote service raises: an error reply of that session
                out.write(concat(hex("00 0f 80 05"), ascii("@echo"), hex("07 00 00 00 1c 65 72 72")));
                byte[] err = readFrame(in);
                assertEquals("07 00 00 00 00", hex(Arrays.copyOfRange(err, 2, 7)));

                // empty and nil replies
                out.write(concat(hex("00 10 80 05"), ascii("@echo"), hex("09 00 00 00 24 65 63 68 6f")));
                expect(in, "00 05|09 00 00 00|01");
                out.write(concat(hex("00 11 80 05"), ascii("@echo"), hex("0a 00 00 00 24 65 63 68 6f 00")));
                expect(in, "00 06|0a 00 00 00|01|00");

                // robustness (§5 #18): unknown tag and empty body are ignored, a final part with no header
                // and a large request of the wrong size are refused, and the connection stays up
                out.write(hex("00 03 07 01 02"));
                out.write(hex("00 00"));
                out.write(hex("00 08 03 0d 00 00 00 01 02 03"));
                expect(in, concat(hex("00 11|0d 00 00 00|00"), ascii("Invalid name")));
                out.write(hex("00 0f 81 05 40 65 63 68 6f 0e 00 00 00 10 00 00 00"));
                out.write(hex("00 08 03 0e 00 00 00 01 02 03"));
                expect(in, concat(hex("00 16|0e 00 00 00|00"), ascii("Invalid large req")));

                // pushes arrive in order, then a call by the ".echo" local name sees them
                out.write(hex("00 16|80|05|40 65 63 68 6f|00 00 00 00|24 70 69 6e 67 2c 68 65 6c 6c 6f"));
                out.write(concat(hex("00 12 80 05"), ascii("@echo"), hex("0f 00 00 00 34 70 75 73 68 65 64")));
                expect(in, "00 09|0f 00 00 00|01|0e 0a 05 00");
            }
            assertEquals(true, node.output().contains("Invalid request package type 7"), node.output());
        }
    }
}
