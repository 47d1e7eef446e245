package io.skynetj.bench;

import io.skynetj.console.ConsoleService;
import io.skynetj.kernel.Execution;
import io.skynetj.kernel.Node;
import io.skynetj.kernel.Service;
import io.skynetj.kernel.ServiceBody;
import io.skynetj.lua.LuaNode;
import io.skynetj.observer.Observer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Observer benchmark (a program, not a test). 1: Lua call ping-pong (1,000,000 skynet.call per round, ~2 s
 * between two services) with nobody watching, with a client polling /api/services and /api/node every
 * second as the page does, and every 100 ms; the modes take turns in each round, medians printed. 2: the
 * cost of one scrape of /metrics and /api/services over HTTP with 10,000 extra (Java-bodied) services,
 * and of building /metrics in process (no HTTP).
 * Run with {@code tools/bench-java ObserverBench [rounds]}.
 */
public final class ObserverBench {
    private static final int CALLS = 1_000_000;
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final com.sun.management.OperatingSystemMXBean CPU =
        (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    public static void main(String[] args) throws Exception {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 5;
        Path dir = Files.createTempDirectory("skynetj-observer-bench");
        Files.writeString(dir.resolve("echo.lua"), """
            local skynet = require "skynet"
            require "skynet.manager"
            skynet.start(function()
                skynet.dispatch("lua", function(_, _, ...) skynet.ret() end)
                skynet.register(".echo")
            end)
            """);
        Files.writeString(dir.resolve("driver.lua"), """
            local skynet = require "skynet"
            require "skynet.manager"
            skynet.start(function()
                skynet.dispatch("lua", function(_, _, cmd, n)
                    for i = 1, n do skynet.call(".echo", "lua", "ping") end
                    skynet.retpack(n)
                end)
                skynet.register(".driver")
            end)
            """);
        Files.writeString(dir.resolve("main.lua"), """
            local skynet = require "skynet"
            skynet.start(function() skynet.newservice("echo") skynet.newservice("driver") print("READY") end)
            """);
        ByteArrayOutputStream sink = new ByteArrayOutputStream();
        LuaNode node = LuaNode.boot(Map.of("luaservice", dir + "/?.lua", "start", "main", "console", "127.0.0.1:0"),
            new PrintStream(sink, true), LuaNode.home());
        String base = "http://127.0.0.1:" + node.part(ConsoleService.class).address().getPort();
        try {
            while (node.node().lookup(".driver") == 0) Thread.sleep(10);
            pingPong(base, rounds);
            scrape(node, base);
        } finally {
            node.node().abort(0);
        }
    }

    private static void pingPong(String base, int rounds) throws Exception {
        long[] periods = {0, 1000, 100};
        String[] names = {"nobody watching", "polled every 1 s (the page)", "polled every 100 ms"};
        double[][] rates = new double[periods.length][rounds];
        runCalls(base, CALLS / 5); // warm-up
        for (int r = 0; r < rounds; r++) {
            for (int k = 0; k < periods.length; k++) {
                int m = (r + k) % periods.length; // each mode takes each place in the order in turn
                AtomicBoolean stop = new AtomicBoolean();
                Thread poller = periods[m] == 0 ? null : Thread.ofPlatform().daemon().start(poll(base, periods[m], stop));
                long t0 = System.nanoTime();
                runCalls(base, CALLS);
                rates[m][r] = CALLS / ((System.nanoTime() - t0) / 1e9);
                stop.set(true);
                if (poller != null) poller.join();
            }
        }
        for (int m = 0; m < periods.length; m++)
            System.out.printf("call ping-pong, %-28s %,10.0f calls/s (median of %d rounds of %,d)%n", names[m], median(rates[m]), rounds, CALLS);
    }

    private static Runnable poll(String base, long periodMillis, AtomicBoolean stop) {
        return () -> {
            while (!stop.get()) {
                try {
                    get(base + "/api/services");
                    get(base + "/api/node");
                    Thread.sleep(periodMillis);
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        };
    }

    private static void runCalls(String base, int n) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/"))
            .POST(HttpRequest.BodyPublishers.ofString("call .driver \"run\", " + n)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) throw new IllegalStateException(r.body());
    }

    private static void scrape(LuaNode luaNode, String base) throws Exception {
        Node node = luaNode.node();
        List<Service> extra = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            Service s = node.newService(svc -> new IdleBody());
            node.start(s, null);
            extra.add(s);
        }
        int services = node.services().size();
        for (String path : List.of("/metrics", "/api/services")) {
            for (int i = 0; i < 5; i++) get(base + path); // warm-up
            double[] ms = new double[21];
            int bytes = 0;
            long cpu0 = CPU.getProcessCpuTime();
            for (int i = 0; i < ms.length; i++) {
                long t0 = System.nanoTime();
                bytes = get(base + path).length();
                ms[i] = (System.nanoTime() - t0) / 1e6;
            }
            double cpuMs = (CPU.getProcessCpuTime() - cpu0) / 1e6 / ms.length;
            Arrays.sort(ms);
            System.out.printf("GET %-13s with %,d services: median %.1f ms, max %.1f ms, %.1f ms of process CPU each (server and client),"
                + " %,d bytes (%d requests over HTTP)%n", path, services, median(ms), ms[ms.length - 1], cpuMs, bytes, ms.length);
        }
        Observer observer = Observer.of(luaNode); // the server's part alone: gather, build and format, no HTTP
        double[] ms = new double[21];
        for (int i = 0; i < 5; i++) observer.metrics();
        for (int i = 0; i < ms.length; i++) {
            long t0 = System.nanoTime();
            observer.metrics();
            ms[i] = (System.nanoTime() - t0) / 1e6;
        }
        Arrays.sort(ms);
        System.out.printf("Observer.metrics() in process with %,d services: median %.1f ms, min %.1f ms (%d runs)%n", services, median(ms), ms[0], ms.length);
        for (Service s : extra) node.kill(s.handle);
    }

    /** A service that never gets a message; {@code kind} "idle" in the metrics, as "snlua" for Lua services. */
    private static final class IdleBody implements ServiceBody {
        @Override
        public boolean run(Execution e) {
            return true;
        }

        @Override
        public String describe() {
            return "idle";
        }
    }

    private static String get(String url) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) throw new IllegalStateException(url + ": " + r.statusCode());
        return r.body();
    }

    private static double median(double[] v) {
        double[] s = v.clone();
        Arrays.sort(s);
        return s[s.length / 2];
    }
}
