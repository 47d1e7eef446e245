package io.skynetj.e2e;

import static io.skynetj.e2e.LuaScenario.assertPassed;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * require "skynet.dns": names from a hosts file, then from a name server (a small UDP server here on
 * 127.0.0.1, found through a resolv.conf), answers cached for their TTL.
 */
class DnsTest {
    @TempDir
    Path dir;

    @Test
    void resolvesFromHostsFileAndNameServer() throws Exception {
        Path hosts = dir.resolve("hosts"), resolv = dir.resolve("resolv.conf");
        Files.writeString(hosts, """
            # comment line
            127.0.0.1   localhost
            10.1.2.3    MyHost.test alias.test   # trailing comment
            10.1.2.4    myhost.test
            fe80::1     myhost.test
            """);
        Files.writeString(resolv, "search example\n# nameserver 10.0.0.1\nnameserver 127.0.0.1\nnameserver 10.9.9.9\n");
        try (FakeNameServer server = new FakeNameServer();
             TestNode node = LuaScenario.node(dir).service("main", """
                local skynet = require "skynet"
                local dns = require "skynet.dns"
                local check = require "check"
                skynet.start(function()
                    dns.DEFAULT_HOSTS = "%s"
                    dns.DEFAULT_RESOLV_CONF = "%s"
                    dns.server(nil, %d)
                    local ip, all = dns.resolve("localhost")
                    check.eq("localhost", ip, "127.0.0.1")
                    ip, all = dns.resolve("MYHOST.test")
                    check.eq("hosts entries in order", check.list(all), "10.1.2.3,10.1.2.4")
                    check.eq("hosts ipv6", dns.resolve("myhost.test", true), "fe80::1")
                    check.eq("alias", dns.resolve("alias.test"), "10.1.2.3")
                    check.eq("ip literal", dns.resolve("192.168.0.1"), "192.168.0.1")
                    local none, why = dns.resolve("bad name!")
                    check.eq("illegal name", why, "illegal name")

                    -- two queries at once: each coroutine waits for its own answer
                    local results = {}
                    skynet.fork(function() results.v6 = { dns.resolve("remote.test", true) } end)
                    ip, all = dns.resolve("remote.test")
                    check.eq("server answers, CNAME skipped", check.list(all), "192.0.2.10,192.0.2.11")
                    while not results.v6 do skynet.sleep(1) end
                    check.eq("server ipv6", results.v6[1], "2001:db8:0:0:0:0:0:1")
                    local first, again = dns.resolve("remote.test")
                    check.eq("cached", first .. " " .. check.list(again), "192.0.2.10 192.0.2.10,192.0.2.11")
                    check.raises("no answer", "timeout or no answer", dns.resolve, "missing.test")
                    dns.flush()
                    check.eq("after flush", dns.resolve("remote.test"), "192.0.2.10")
                    print("DONE")
                end)
                """.formatted(hosts, resolv, server.port())).start("main")) {
            assertPassed(node, "localhost", "hosts entries in order", "hosts ipv6", "alias", "ip literal", "illegal name",
                "server answers, CNAME skipped", "server ipv6", "cached", "no answer", "after flush");
            // remote.test A twice (first and after flush), AAAA once, missing.test once: the cache answered the rest
            assertEquals(4, server.queries.get());
            assertEquals(2, server.asked.get("remote.test/1").get());
        }
    }

    @Test
    void localhostThroughTheSystemHostsFile() throws Exception {
        Assumptions.assumeTrue(Files.readAllLines(Path.of("/etc/hosts")).stream()
            .anyMatch(l -> l.matches("\\s*127\\.0\\.0\\.1\\s.*\\blocalhost\\b.*")), "/etc/hosts has no 127.0.0.1 localhost");
        try (TestNode node = LuaScenario.node(dir).service("main", """
                local skynet = require "skynet"
                local dns = require "skynet.dns"
                local check = require "check"
                skynet.start(function()
                    check.eq("localhost", dns.resolve("localhost"), "127.0.0.1")
                    print("DONE")
                end)
                """).start("main")) {
            assertPassed(node, "localhost");
        }
    }

    /** Answers A and AAAA questions for remote.test (a CNAME first, compressed names); NXDOMAIN otherwise. */
    private static final class FakeNameServer implements AutoCloseable {
        final DatagramSocket socket = new DatagramSocket(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        final AtomicInteger queries = new AtomicInteger();
        final ConcurrentHashMap<String, AtomicInteger> asked = new ConcurrentHashMap<>();
        final Thread thread = Thread.ofVirtual().start(this::serve);

        FakeNameServer() throws IOException {}

        int port() {
            return socket.getLocalPort();
        }

        private void serve() {
            byte[] buf = new byte[512];
            while (!socket.isClosed()) {
                try {
                    DatagramPacket p = new DatagramPacket(buf, buf.length);
                    socket.receive(p);
                    byte[] reply = reply(buf, p.getLength());
                    socket.send(new DatagramPacket(reply, reply.length, p.getSocketAddress()));
                } catch (IOException e) {
                    return; // closed
                }
            }
        }

        private byte[] reply(byte[] q, int length) {
            int pos = 12;
            StringBuilder name = new StringBuilder();
            while (q[pos] != 0) {
                int n = q[pos++];
                if (!name.isEmpty()) name.append('.');
                name.append(new String(q, pos, n, StandardCharsets.US_ASCII));
                pos += n;
            }
            int qtype = (q[pos + 1] & 0xff) << 8 | (q[pos + 2] & 0xff);
            int questionEnd = pos + 5;
            queries.incrementAndGet();
            asked.computeIfAbsent(name + "/" + qtype, k -> new AtomicInteger()).incrementAndGet();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            boolean known = name.toString().equals("remote.test");
            List<byte[]> records = !known ? List.of() : qtype == 1
                ? List.of(record(5, 300, new byte[] {4, 'h', 'o', 's', 't', (byte) 0xc0, 12}),
                    record(1, 60, new byte[] {(byte) 192, 0, 2, 10}), record(1, 30, new byte[] {(byte) 192, 0, 2, 11}))
                : List.of(record(28, 60, new byte[] {0x20, 0x01, 0x0d, (byte) 0xb8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1}));
            out.write(q[0]);
            out.write(q[1]);
            out.write(0x81); // a response, recursion desired
            out.write(known ? 0x80 : 0x83); // recursion available; NXDOMAIN for unknown names
            out.writeBytes(new byte[] {0, 1, 0, (byte) records.size(), 0, 0, 0, 0});
            out.write(q, 12, questionEnd - 12);
            records.forEach(out::writeBytes);
            return out.toByteArray();
        }

        /** An answer whose owner name points back at the question's name (offset 12). */
        private static byte[] record(int type, int ttl, byte[] rdata) {
            ByteArrayOutputStream r = new ByteArrayOutputStream();
            r.writeBytes(new byte[] {(byte) 0xc0, 12, 0, (byte) type, 0, 1, (byte) (ttl >> 24), (byte) (ttl >> 16), (byte) (ttl >> 8), (byte) ttl});
            r.write(rdata.length >> 8);
            r.write(rdata.length);
            r.writeBytes(rdata);
            return r.toByteArray();
        }

        @Override
        public void close() throws InterruptedException {
            socket.close();
            thread.join();
        }
    }
}
