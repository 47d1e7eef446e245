package io.skynetj.e2e;

import static io.skynetj.e2e.LuaScenario.assertPassed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.skynetj.cluster.ClusterLinks;
import io.skynetj.cluster.LinkState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** skynet.cluster between skynetj nodes running in this JVM, over loopback. */
class ClusterTest {
    @TempDir
    Path dir;

    /** A start service that runs the echo service, listens on an ephemeral port and prints it. */
    private static String listening(String checks) {
        return """
            local skynet = require "skynet"
            local cluster = require "skynet.cluster"
            local check = require "check"
            skynet.start(function()
                skynet.newservice("echo")
                local host, port = cluster.open(0)
                print("LISTEN " .. port)
            """ + checks + """
                print("DONE")
            end)
            """;
    }

    private TestNode node(String name, String main) throws Exception {
        return LuaScenario.node(Files.createDirectories(dir.resolve(name))).service("echo", ClusterNodes.ECHO).service("main", main);
    }

    private Path dir(String name) {
        return dir.resolve(name);
    }

    @Test
    void callsPushesAndPayloadsBothWays() throws Exception {
        try (TestNode b = node("b", listening("""
                check.eq("B to A (waits for the name)", cluster.call("A", "@svc", "echo", "hi"), "hi")
                check.eq("B to A large reply", #cluster.call("A", "@svc", "big", 70000), 70000)
                cluster.send("A", "@svc", "push", "from B")
                check.eq("B to A push", check.list(cluster.call("A", "@svc", "pushed")), "6")
                """)).start("main")) {
            int portB = ClusterNodes.listenPort(b);
            try (TestNode a = node("a", listening("""
                    check.eq("listens on loopback", host, "127.0.0.1")
                    check.eq("call by @name", check.list({cluster.call("B", "@svc", "echo", 1, "a", true)}), "1,a,true")
                    local h = cluster.query("B", "svc")
                    check.eq("call by queried handle", cluster.call("B", h, "echo", "n"), "n")
                    check.eq("call by local name", cluster.call("B", ".svc", "echo", "l"), "l")
                    check.eq("call by :hex", cluster.call("B", skynet.address(h), "echo", "x"), "x")
                    check.eq("call by digit string", cluster.call("B", tostring(h), "echo", "d"), "d")
                    check.raises("query of an unknown name", "remote error: name not found", cluster.query, "B", "nosuch")
                    check.raises("unknown @name", "cluster call to [B] @nosuch failed: remote error: Invalid name",
                        cluster.call, "B", "@nosuch", "echo")
                    check.raises("unknown local name", "call to invalid address .nosuch", cluster.call, "B", ".nosuch", "echo")
                    check.raises("remote error text", "remote error: ", cluster.call, "B", "@svc", "err")
                    check.raises("remote error text is the remote's", "boom from echo", cluster.call, "B", "@svc", "err")
                    check.raises("unpackable argument", "Unsupport type function to serialize", cluster.call, "B", "@svc", "echo", print)

                    -- request payloads around the split: pack("len", s) is 7 + #s bytes
                    for _, size in ipairs({32767, 32768, 40007}) do
                        check.eq("request payload " .. size, cluster.call("B", "@svc", "len", string.rep("r", size - 7)), size - 7)
                    end
                    -- replies around the split: pack(s) is 3 + #s bytes below 64 KiB, 5 + #s above
                    for _, n in ipairs({32765, 32766, 70000}) do
                        check.eq("reply of " .. n .. " bytes", cluster.call("B", "@svc", "big", n) == string.rep("x", n), true)
                    end
                    cluster.send("B", "@svc", "push", "hello")
                    cluster.send("B", "@svc", "push", string.rep("p", 40000))
                    cluster.send("B", ".svc", "push", "!")
                    check.eq("small and large pushes in order", check.list(cluster.call("B", "@svc", "pushed")), "5,40000,1")

                    local done, finished = {}, 0
                    for _, cs in ipairs({30, 20, 10}) do
                        skynet.fork(function()
                            local r = cluster.call("B", "@svc", "sleep", cs)
                            done[#done + 1] = cs .. r
                            finished = finished + 1
                        end)
                    end
                    for _ = 1, 500 do if finished == 3 then break end skynet.sleep(1) end
                    check.eq("concurrent calls get their own replies", check.list(done), "10slept,20slept,30slept")

                    local bytes = {}
                    for i = 0, 255 do bytes[#bytes + 1] = string.char(i) end
                    bytes = table.concat(bytes)
                    local want = { nil, true, false, 0, 255, 256, 65535, 65536, -1, 2^31 - 1, 2^31, -2^31 - 1, 1.5, 3.0, 2^53, math.huge }
                    local got = { cluster.call("B", "@svc", "echo", nil, true, false, 0, 255, 256, 65535, 65536, -1,
                        2^31 - 1, 2^31, -2^31 - 1, 1.5, 3.0, 2^53, math.huge, bytes, {1, 2, x = {y = "z"}}) }
                    local same = true
                    for i = 1, 16 do if got[i] ~= want[i] then same = false print("value " .. i .. ": " .. tostring(got[i])) end end
                    check.ok("scalars round trip", same)
                    check.eq("binary string round trip", got[17], bytes)
                    check.eq("nested table round trip", got[18][2] + #got[18].x.y, 3)

                    local p = cluster.proxy("B@svc")
                    check.eq("proxy call", skynet.call(p, "lua", "echo", "via proxy"), "via proxy")
                    check.eq("one proxy per node and name", cluster.proxy("B", "@svc"), p)
                    skynet.send(p, "lua", "push", "abc")
                    check.eq("proxy send is a push", check.list(skynet.call(cluster.proxy("B.svc"), "lua", "pushed")), "3")
                    check.raises("proxy call error", "call failed", skynet.call, p, "lua", "err")
                    """)).config("cluster", ClusterNodes.clusterFile(dir("a"), "nodes.lua", "B", portB))
                    .config("console", "127.0.0.1:0").start("main")) {
                ClusterNodes.reload(b, "A", ClusterNodes.listenPort(a));
                assertPassed(a, "listens on loopback", "call by @name", "call by queried handle", "call by local name",
                    "call by :hex", "call by digit string", "query of an unknown name", "unknown @name", "unknown local name",
                    "remote error text", "remote error text is the remote's", "unpackable argument", "request payload 32767",
                    "request payload 32768", "request payload 40007", "reply of 32765 bytes", "reply of 32766 bytes",
                    "reply of 70000 bytes", "small and large pushes in order", "concurrent calls get their own replies",
                    "scalars round trip", "binary string round trip", "nested table round trip", "proxy call",
                    "one proxy per node and name", "proxy send is a push", "proxy call error");
                assertPassed(b, "B to A (waits for the name)", "B to A large reply", "B to A push");
                assertTrue(b.output().contains("Waiting for cluster node [A]"), b.output());
                // the callers caught every failure: the sender does not log them too (ClusterFaultTest: an uncaught one is logged once)
                assertFalse(a.output().contains("boom from echo"), a::output);

                LinkState out = only(ClusterLinks.of(a.node().node()), l -> l.direction().equals("out"));
                assertEquals("B", out.node());
                assertEquals("127.0.0.1:" + portB, out.remote());
                assertEquals("up", out.state());
                assertEquals(0, out.pendingCalls());
                assertTrue(out.bytesOut() > 3 * 32768 && out.bytesIn() > 70000, out.toString());
                assertTrue(ClusterLinks.of(b.node().node()).stream().anyMatch(l -> l.direction().equals("in") && l.state().equals("up")));
                try (ConsoleConnection c = ConsoleConnection.open(a.consolePort())) {
                    List<String> links = c.command("cluster");
                    assertTrue(links.getFirst().matches("out\tB\t127\\.0\\.0\\.1:" + portB + "\tup\tpending:0\tin:\\d+\tout:\\d+\t"), links::toString);
                    assertEquals("<CMD OK>", links.getLast());
                }
            }
        }
    }

    /** A start service that waits, where it calls {@code go()}, for a "go" the test sends with {@link ClusterNodes#tell}. */
    private static String steered(String body) {
        return """
            local skynet = require "skynet"
            require "skynet.manager"
            local cluster = require "skynet.cluster"
            local check = require "check"
            local token, gone = {}, 0 -- "go" messages not yet consumed
            local function go()
                if gone == 0 then skynet.wait(token) end
                gone = gone - 1
            end
            skynet.start(function()
                skynet.register(".main")
                skynet.dispatch("lua", function()
                    gone = gone + 1
                    skynet.wakeup(token)
                end)
            """ + body + """
                print("DONE")
            end)
            """;
    }

    private static final String PINGSNAX = """
        local snax = require "skynet.snax"
        local notes = 0
        function response.echo(v) return "echo " .. v end
        function response.notes() return notes end
        function accept.note() notes = notes + 1 end
        function init() snax.enablecluster() end
        """;

    @Test
    void clusterSnaxReachesASnaxServiceOfAnotherNode() throws Exception {
        try (TestNode b = node("b", """
                local skynet = require "skynet"
                local cluster = require "skynet.cluster"
                local snax = require "skynet.snax"
                skynet.start(function()
                    snax.uniqueservice("pingsnax")
                    local host, port = cluster.open(0)
                    print("LISTEN " .. port)
                end)
                """).service("pingsnax", PINGSNAX).start("main");
             TestNode a = node("a", steered("""
                local obj = cluster.snax("B", "pingsnax")
                check.eq("remote request", obj.req.echo("x"), "echo x")
                obj.post.note()
                check.eq("remote post arrived before the next request", obj.req.notes(), 1)
                """)).service("pingsnax", PINGSNAX) // as in skynet, the caller reads the file for the method ids
                .config("cluster", ClusterNodes.clusterFile(dir("a"), "nodes.lua", "B", ClusterNodes.listenPort(b))).start("main")) {
            assertPassed(a, "remote request", "remote post arrived before the next request");
        }
    }

    @Test
    void registryNamesFollowRegisterAndUnregister() throws Exception {
        try (TestNode b = node("b", """
                local skynet = require "skynet"
                local cluster = require "skynet.cluster"
                skynet.start(function()
                    skynet.newservice("echo")
                    skynet.newservice("echo", "spare")
                    local host, port = cluster.open(0)
                    print("LISTEN " .. port)
                end)
                """).start("main");
             TestNode a = node("a", steered("""
                local e1, e2 = cluster.query("B", "svc"), cluster.query("B", "spare")
                check.eq("@svc reaches its holder", cluster.call("B", "@svc", "whoami"), e1)
                cluster.call("B", e1, "unregister", "svc")
                check.raises("unregistered name", "Invalid name", cluster.call, "B", "@svc", "whoami")
                check.raises("query of an unregistered name", "cluster.query [B] svc failed: remote error: name not found",
                    cluster.query, "B", "svc")
                cluster.call("B", e2, "register", "svc")
                check.eq("@svc reaches the new holder", cluster.call("B", "@svc", "whoami"), e2)
                check.raises("a service holds one name", "Invalid name", cluster.call, "B", "@spare", "whoami")
                check.raises("duplicate name", "name [svc] is already registered", cluster.call, "B", e1, "register", "svc")
                """)).config("cluster", ClusterNodes.clusterFile(dir("a"), "nodes.lua", "B", ClusterNodes.listenPort(b))).start("main")) {
            assertPassed(a, "@svc reaches its holder", "unregistered name", "query of an unregistered name",
                "@svc reaches the new holder", "a service holds one name", "duplicate name");
            assertTrue(b.output().contains("Unregister [svc]"), b.output());
        }
    }

    @Test
    void absentDisabledAndUnreachableNodesFailClearly() throws Exception {
        int closed = ClusterNodes.closedPort();
        Path nodes = Files.createDirectories(dir("a")).resolve("nodes.lua");
        Files.writeString(nodes, "__nowaiting = true\ndown = false\ndead = \"127.0.0.1:" + closed + "\"\n");
        try (TestNode a = node("a", steered("""
                skynet.newservice("echo")
                check.raises("absent node with __nowaiting", "cluster node [nowhere] is absent", cluster.call, "nowhere", "@svc", "echo")
                check.raises("node set to false", "cluster node [down] is down", cluster.call, "down", "@svc", "echo")
                check.raises("unreachable node", "cluster call to [dead] @svc failed: connection to 127.0.0.1:PORT failed: Connection refused",
                    cluster.call, "dead", "@svc", "echo")
                check.raises("each call tries again", "Connection refused", cluster.call, "dead", "@svc", "echo")
                cluster.send("nowhere", "@svc", "push", "lost")
                cluster.send("dead", "@svc", "push", "lost")
                local host, port = cluster.open(0)
                cluster.reload({ dead = "127.0.0.1:" .. port })
                check.eq("reload points the sender at the new address", cluster.call("dead", "@svc", "echo", "back"), "back")
                cluster.reload({ dead = false })
                check.raises("reload to false closes the link", "cluster node [dead] is down", cluster.call, "dead", "@svc", "echo")
                check.raises("bad reload value", 'must be "host:port" or false', cluster.reload, { x = 1 })
                check.raises("bad address", "invalid cluster address", cluster.reload, { x = "nocolon" })
                check.raises("cluster.open of an unknown name", "has no address", cluster.open, "nowhere")
                check.raises("snax of a node that is down", "cluster node [dead] is down", cluster.snax, "dead", "x")
                """.replace("PORT", String.valueOf(closed)))).config("cluster", nodes.toString()).start("main")) {
            assertPassed(a, "absent node with __nowaiting", "node set to false", "unreachable node", "each call tries again",
                "reload points the sender at the new address", "reload to false closes the link", "bad reload value",
                "bad address", "cluster.open of an unknown name", "snax of a node that is down");
            assertTrue(a.output().contains("Config nowaiting = true"), a.output());
        }
    }

    @Test
    void slowCallsTimeOutAndTheLinkSurvives() throws Exception {
        try (TestNode a = node("a", steered("""
                skynet.newservice("echo")
                local host, port = cluster.open(0)
                cluster.reload({ self = "127.0.0.1:" .. port })
                local t0 = skynet.now()
                check.raises("slow call times out", "cluster call to [self] @svc failed: timeout after 20 cs",
                    cluster.call, "self", "@svc", "sleep", 60)
                local took = skynet.now() - t0
                -- fired before the reply (due at 60 cs), or the call would have returned it
                check.ok("the timeout is not early", took >= 15, took)
                check.eq("the link still works", cluster.call("self", "@svc", "echo", "ok"), "ok")
                go() -- the test saw the late reply arrive
                check.eq("a late reply is harmless", cluster.call("self", "@svc", "echo", "ok2"), "ok2")
                skynet.kill(cluster.get_sender("self"))
                check.eq("a killed sender is replaced", cluster.call("self", "@svc", "echo", "ok3"), "ok3")
                """)).config("cluster_timeout", "20").start("main")) {
            a.await("socket: unknown session");
            ClusterNodes.tell(a, ".main", "go");
            assertPassed(a, "slow call times out", "the timeout is not early", "the link still works", "a late reply is harmless",
                "a killed sender is replaced");
        }
    }

    @Test
    void remoteNodeDownAndBack() throws Exception {
        TestNode b1 = node("b1", listening("")).start("main");
        int port;
        try {
            port = ClusterNodes.listenPort(b1);
        } catch (Throwable t) {
            b1.close();
            throw t;
        }
        try (TestNode a = node("a", steered("""
                check.eq("B is up", cluster.call("B", "@svc", "echo", 1), 1)
                -- fails with the lost connection, not at the end of the 30 s sleep or the 30 s cluster timeout
                check.raises("a pending call fails when B goes down", "cluster call to [B] @svc failed: connection to 127.0.0.1:PORT lost: ",
                    cluster.call, "B", "@svc", "sleep", 3000)
                go() -- B's port refuses connections now
                check.raises("while B is down, calls fail", "connection to 127.0.0.1:PORT failed: Connection refused",
                    cluster.call, "B", "@svc", "echo", 2)
                print("B DOWN SEEN")
                go() -- B is back and the link reconnected by itself
                check.eq("B is back", cluster.call("B", "@svc", "echo", 3), 3)
                """.replace("PORT", String.valueOf(port)))).config("cluster", ClusterNodes.clusterFile(dir("a"), "nodes.lua", "B", port)).start("main")) {
            try (b1) {
                b1.await("SLEEPING 3000");
            }
            awaitRefused(port);
            ClusterNodes.tell(a, ".main", "go");
            a.await("B DOWN SEEN");
            LinkState down = only(ClusterLinks.of(a.node().node()), l -> true);
            assertTrue(down.lastError() != null && !down.state().equals("up"), down.toString());
            try (TestNode b2 = node("b2", """
                    local skynet = require "skynet"
                    local cluster = require "skynet.cluster"
                    skynet.start(function()
                        skynet.newservice("echo")
                        cluster.open(tonumber(skynet.getenv("port")))
                    end)
                    """).config("port", String.valueOf(port)).start("main")) {
                awaitLink(a, "up");
                ClusterNodes.tell(a, ".main", "go");
                assertPassed(a, "B is up", "a pending call fails when B goes down", "while B is down, calls fail", "B is back");
            }
        }
    }

    @Test
    void sharedSecretLinks() throws Exception {
        try (TestNode b = node("b", listening("")).config("cluster_secret", "s3cret").start("main")) {
            String nodes = ClusterNodes.clusterFile(dir, "nodes.lua", "B", ClusterNodes.listenPort(b));
            try (TestNode a = node("a", steered("""
                    check.eq("same secret", cluster.call("B", "@svc", "echo", "in"), "in")
                    """)).config("cluster", nodes).config("cluster_secret", "s3cret").start("main");
                 TestNode c = node("c", steered("""
                    check.raises("wrong secret", "authentication failed", cluster.call, "B", "@svc", "echo", "out")
                    """)).config("cluster", nodes).config("cluster_secret", "guess").start("main")) {
                assertPassed(a, "same secret");
                assertPassed(c, "wrong secret");
                b.await("authentication failed: wrong secret");
            }
        }
    }

    /** Waits (with the test deadline) until nothing accepts connections on a loopback port. */
    private static void awaitRefused(int port) throws Exception {
        long deadline = System.nanoTime() + TestNode.DEADLINE.toNanos();
        for (;;) {
            try (java.net.Socket probe = new java.net.Socket(java.net.InetAddress.getLoopbackAddress(), port)) {
                if (System.nanoTime() > deadline) throw new AssertionError("port " + port + " still accepts connections");
            } catch (java.net.ConnectException refused) {
                return;
            }
            Thread.sleep(10);
        }
    }

    /** Waits (with the test deadline) until the node's only cluster link is in {@code state}. */
    private static void awaitLink(TestNode node, String state) throws InterruptedException {
        long deadline = System.nanoTime() + TestNode.DEADLINE.toNanos();
        List<LinkState> links;
        while (!(links = ClusterLinks.of(node.node().node())).stream().allMatch(l -> l.state().equals(state)) || links.isEmpty()) {
            if (System.nanoTime() > deadline) throw new AssertionError("link never became " + state + ": " + links);
            Thread.sleep(10);
        }
    }

    private static LinkState only(List<LinkState> links, Predicate<LinkState> which) {
        List<LinkState> match = links.stream().filter(which).toList();
        assertEquals(1, match.size(), links.toString());
        return match.get(0);
    }
}
