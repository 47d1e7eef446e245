package io.skynetj.bench;

import io.skynetj.lua.LuaNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Cross-node call benchmark (a program, not a test): two skynetj nodes in this JVM linked over
 * loopback TCP. Node A's Lua service measures {@code cluster.call} to an echo service on node B:
 * sequential calls with latency percentiles, concurrent callers, split payloads, pushes; and, for
 * scale, local {@code skynet.call} on the same node. Run with {@code tools/bench-java ClusterBench [calls]}.
 */
public final class ClusterBench {
    private static final String ECHO = """
        local skynet = require "skynet"
        local cluster = require "skynet.cluster"
        local pushed = 0
        skynet.start(function()
            skynet.dispatch("lua", function(session, source, cmd, ...)
                if cmd == "push" then
                    pushed = pushed + 1
                elseif cmd == "pushed" then
                    skynet.retpack(pushed)
                else
                    skynet.retpack(...)
                end
            end)
            cluster.register("echo")
            if skynet.getenv("bench_port") then
                cluster.open(tonumber(skynet.getenv("bench_port")))
            end
        end)
        """;

    private static final String BENCH = """
        local skynet = require "skynet"
        require "skynet.manager"
        local cluster = require "skynet.cluster"
        local N = tonumber(skynet.getenv("bench_calls"))

        local function report(what, n, seconds, extra)
            print(string.format("%-34s %8d in %6.3f s = %9.0f /s%s", what, n, seconds, n / seconds, extra or ""))
        end

        local function sequential(what, call)
            local lat = {}
            local t0 = skynet.hpc()
            for i = 1, N do
                local s = skynet.hpc()
                call(i)
                lat[i] = skynet.hpc() - s
            end
            local seconds = (skynet.hpc() - t0) / 1e9
            table.sort(lat)
            report(what, N, seconds, string.format("   latency p50 %6.1f us  p99 %6.1f us  max %7.1f us",
                lat[math.floor(N * 0.5)] / 1e3, lat[math.floor(N * 0.99)] / 1e3, lat[N] / 1e3))
        end

        local function concurrent(what, callers, call)
            local token, done = {}, 0
            local each = math.floor(N / callers)
            local t0 = skynet.hpc()
            for _ = 1, callers do
                skynet.fork(function()
                    for i = 1, each do call(i) end
                    done = done + 1
                    if done == callers then skynet.wakeup(token) end
                end)
            end
            skynet.wait(token)
            report(what, each * callers, (skynet.hpc() - t0) / 1e9)
        end

        skynet.start(function()
            local localEcho = skynet.newservice("benchecho")
            for i = 1, 20000 do cluster.call("B", "@echo", i) end -- warm up the JIT and the link
            for i = 1, 20000 do skynet.call(localEcho, "lua", "echo", i) end

            sequential("local skynet.call (same node)", function(i) skynet.call(localEcho, "lua", "echo", i) end)
            sequential("cluster.call, 1 caller", function(i) cluster.call("B", "@echo", "echo", i) end)
            concurrent("cluster.call, 10 callers", 10, function(i) cluster.call("B", "@echo", "echo", i) end)
            concurrent("cluster.call, 100 callers", 100, function(i) cluster.call("B", "@echo", "echo", i) end)
            local kb = string.rep("k", 1024)
            concurrent("cluster.call 1 KiB, 10 callers", 10, function() cluster.call("B", "@echo", "echo", kb) end)
            local big = string.rep("b", 40000)
            local t0 = skynet.hpc()
            local n = math.floor(N / 20)
            for _ = 1, n do cluster.call("B", "@echo", "echo", big) end
            local seconds = (skynet.hpc() - t0) / 1e9
            report("cluster.call 40 KB (split both ways)", n, seconds, string.format("   %.0f MB/s each way", n * 40000 / seconds / 1e6))

            t0 = skynet.hpc()
            for i = 1, N do cluster.send("B", "@echo", "push", i) end
            local got = cluster.call("B", "@echo", "pushed")
            report("cluster.send, then one call", got, (skynet.hpc() - t0) / 1e9)
            skynet.abort()
        end)
        """;

    public static void main(String[] args) throws Exception {
        int calls = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        Path dir = Files.createTempDirectory("skynetj-cluster-bench");
        try {
            Files.writeString(dir.resolve("benchecho.lua"), ECHO);
            Files.writeString(dir.resolve("bench.lua"), BENCH);
            int port = freePort();
            Files.writeString(dir.resolve("nodes.lua"), "B = \"127.0.0.1:" + port + "\"\n");
            System.out.printf("%d calls per measurement, 2 nodes in one JVM over 127.0.0.1, %d cores, virtual thread parallelism %s%n",
                calls, Runtime.getRuntime().availableProcessors(), System.getProperty("jdk.virtualThreadScheduler.parallelism", "default"));

            ByteArrayOutputStream bLog = new ByteArrayOutputStream();
            LuaNode b = LuaNode.boot(Map.of("luaservice", dir + "/?.lua", "start", "benchecho", "bench_port", String.valueOf(port)),
                new PrintStream(bLog, true, StandardCharsets.UTF_8), LuaNode.home());
            awaitListening(port);
            LuaNode a = LuaNode.boot(Map.of("luaservice", dir + "/?.lua", "start", "bench", "cluster", dir.resolve("nodes.lua").toString(),
                "bench_calls", String.valueOf(calls)), System.out, LuaNode.home());
            boolean finished = a.node().awaitTermination(10, TimeUnit.MINUTES);
            b.node().abort(0);
            if (!finished) {
                a.node().abort(1);
                System.out.println("benchmark did not finish in 10 minutes; node B said:\n" + bLog);
            }
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    /** Waits until node B accepts connections (bounded: B listens as soon as it has started). */
    private static void awaitListening(int port) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            try (var probe = new java.net.Socket(InetAddress.getLoopbackAddress(), port)) {
                return;
            } catch (IOException notYet) {
                Thread.sleep(10);
            }
        }
        throw new IllegalStateException("node B never listened on port " + port);
    }
}
