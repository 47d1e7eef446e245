package io.skynetj.bench;

import io.skynetj.kernel.Execution;
import io.skynetj.kernel.Node;
import io.skynetj.kernel.NodeLog;
import io.skynetj.kernel.Ptype;
import io.skynetj.kernel.Service;
import io.skynetj.kernel.ServiceBody;
import io.skynetj.lua.LuaNode;
import io.skynetj.lua.Pack;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import javax.management.ObjectName;
import org.luaj.vm2.LuaValue;

/**
 * Counts the objects allocated per message (a program, not a test): real counts, not samples. Run
 * with {@code tools/alloc-count}, which starts it with the Epsilon collector (nothing is ever freed),
 * so a class histogram of all objects, reachable or not ({@code GC.class_histogram -all}), taken
 * before and after OPS operations, differs by exactly what they allocated (and the little the
 * histogram itself and idle threads allocate). Each scenario is warmed up first, so the JIT has
 * compiled (and escape-analysed) the path, as in a running node.
 *
 * <p>Scenarios: {@code kernel-send} and {@code lua-send}: one-way sends bounced between two services,
 * so each lands on an idle service (Java bodies with a shared payload; Lua services sending an
 * integer with {@code skynet.send}); {@code kernel-call} and {@code lua-call}: call round trips from
 * one service to an echo service.
 */
public final class AllocationCount {
    private static final int OPS = 100_000;
    private static final int WARMUP_ROUNDS = 3;

    public static void main(String[] args) throws Exception {
        String scenario = args.length > 0 ? args[0] : "kernel-send";
        int ops = args.length > 1 ? Integer.parseInt(args[1]) : OPS;
        Scenario s = switch (scenario) {
            case "kernel-send" -> kernel(true);
            case "kernel-call" -> kernel(false);
            case "lua-send" -> lua(true);
            case "lua-call" -> lua(false);
            default -> throw new IllegalArgumentException("scenario: kernel-send, kernel-call, lua-send or lua-call");
        };
        for (int i = 0; i < WARMUP_ROUNDS; i++) s.run(ops);
        // parsed only after both are taken, so parsing the first is not counted
        String before = histogram();
        s.run(ops);
        String after = histogram();
        report(scenario, ops, parse(before), parse(after));
        s.close();
        System.exit(0);
    }

    private interface Scenario {
        /** Runs {@code ops} operations and returns when they are done. */
        void run(int ops) throws Exception;

        void close();
    }

    // ---------------------------------------------------------------- kernel (Java bodies)

    private static final class Body implements ServiceBody {
        volatile java.util.function.Consumer<Execution> onRequest = e -> {};

        @Override
        public boolean run(Execution e) {
            if (e.request != null) onRequest.accept(e);
            else if (e.job instanceof Runnable r) r.run();
            return true;
        }
    }

    private static Scenario kernel(boolean sends) {
        PrintStream sink = new PrintStream(OutputStream.nullOutputStream());
        Node node = new Node(Map.of(), sink, new NodeLog(sink, false));
        byte[] payload = {1};
        Body passive = new Body(), active = new Body();
        Service b = node.newService(svc -> passive);
        Service a = node.newService(svc -> active);
        node.start(b, (Runnable) () -> {});
        node.start(a, (Runnable) () -> {});
        AtomicReference<CompletableFuture<Void>> done = new AtomicReference<>();
        int[] left = new int[1];
        if (sends) {
            passive.onRequest = e -> b.send(e.source(), Ptype.LUA, 0, payload);
            active.onRequest = e -> {
                if (e.source() == 0) left[0] = e.request.data.length == 4 ? bytesToInt(e.request.data) : 0;
                if (left[0]-- > 0) a.send(b.handle, Ptype.LUA, 0, payload);
                else done.get().complete(null);
            };
        } else {
            passive.onRequest = e -> b.ret(Ptype.RESPONSE, e.request.data);
            active.onRequest = e -> {
                int n = bytesToInt(e.request.data);
                for (int i = 0; i < n; i++) a.call(b.handle, Ptype.LUA, payload);
                done.get().complete(null);
            };
        }
        return new Scenario() {
            @Override
            public void run(int ops) {
                // sends: each bounce is two sends
                int n = sends ? ops / 2 : ops;
                done.set(new CompletableFuture<>());
                node.send(0, a.handle, Ptype.LUA, 0, new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n});
                done.get().join();
            }

            @Override
            public void close() {
                node.abort(0);
            }
        };
    }

    private static int bytesToInt(byte[] b) {
        return (b[0] & 0xff) << 24 | (b[1] & 0xff) << 16 | (b[2] & 0xff) << 8 | (b[3] & 0xff);
    }

    // ---------------------------------------------------------------- Lua services

    private static Scenario lua(boolean sends) throws Exception {
        Path dir = Files.createTempDirectory("skynetj-alloc-count");
        Files.writeString(dir.resolve("main.lua"), """
            local skynet = require "skynet"
            skynet.start(function() end)
            """);
        // The active peer knows the passive one; "sends" n: n sends each way, bounced; "calls" n: n calls.
        Files.writeString(dir.resolve("peer.lua"), """
            local skynet = require "skynet"
            local other = tonumber((...))
            local left = 0
            -- dispatch set by the main chunk: the Java driver may send before the start function ran
            skynet.dispatch("lua", function(session, source, cmd, n)
                    if cmd == "sends" then
                        left = n
                        skynet.send(other, "lua", 1)
                    elseif cmd == "calls" then
                        for i = 1, n do skynet.call(other, "lua", i) end
                        skynet.send(".alloc_done", "lua")
                    elseif session ~= 0 then
                        skynet.retpack(cmd)
                    elseif not other then
                        skynet.send(source, "lua", cmd)
                    else
                        left = left - 1
                        if left > 0 then skynet.send(other, "lua", cmd) else skynet.send(".alloc_done", "lua") end
                    end
            end)
            skynet.start(function() end)
            """);
        LuaNode luaNode = LuaNode.boot(Map.of("luaservice", dir + "/?.lua", "thread", "2"), System.err, LuaNode.home());
        Node node = luaNode.node();
        AtomicReference<CompletableFuture<Void>> done = new AtomicReference<>();
        Body doneBody = new Body();
        doneBody.onRequest = e -> done.get().complete(null);
        Service doneService = node.newService(svc -> doneBody);
        node.start(doneService, (Runnable) () -> {});
        node.register(".alloc_done", doneService.handle);
        Service passive = luaNode.runtime().launch("peer");
        Service active = luaNode.runtime().launch("peer " + passive.handle);
        return new Scenario() {
            @Override
            public void run(int ops) {
                int n = sends ? ops / 2 : ops;
                done.set(new CompletableFuture<>());
                node.send(0, active.handle, Ptype.LUA, 0,
                    Pack.pack(LuaValue.varargsOf(LuaValue.valueOf(sends ? "sends" : "calls"), LuaValue.valueOf(n))));
                done.get().join();
            }

            @Override
            public void close() {
                node.abort(0);
            }
        };
    }

    // ---------------------------------------------------------------- counting

    /** The class histogram of every object on the heap, reachable or not. */
    private static String histogram() throws Exception {
        return (String) ManagementFactory.getPlatformMBeanServer().invoke(
            new ObjectName("com.sun.management:type=DiagnosticCommand"), "gcClassHistogram",
            new Object[] {new String[] {"-all"}}, new String[] {String[].class.getName()});
    }

    /** class name → {instances, bytes}. */
    private static Map<String, long[]> parse(String text) {
        Map<String, long[]> counts = new HashMap<>();
        for (String line : text.split("\n")) {
            String[] f = line.trim().split("\\s+");
            if (f.length < 4 || !f[0].endsWith(":")) continue;
            counts.put(f[3], new long[] {Long.parseLong(f[1]), Long.parseLong(f[2])});
        }
        return counts;
    }

    private static void report(String scenario, int ops, Map<String, long[]> before, Map<String, long[]> after) {
        List<Map.Entry<String, long[]>> rows = new ArrayList<>();
        long objects = 0, bytes = 0;
        for (var e : after.entrySet()) {
            long[] b = before.getOrDefault(e.getKey(), new long[2]);
            long[] d = {e.getValue()[0] - b[0], e.getValue()[1] - b[1]};
            objects += d[0];
            bytes += d[1];
            rows.add(Map.entry(e.getKey(), d));
        }
        rows.sort((x, y) -> Long.compare(y.getValue()[0], x.getValue()[0]));
        System.out.printf("%s: %d ops, %.2f objects and %.0f bytes per op%n", scenario, ops, objects / (double) ops, bytes / (double) ops);
        for (var r : rows) {
            double per = r.getValue()[0] / (double) ops;
            if (per < 0.05) break;
            System.out.printf("  %6.2f  %6.0f B  %s%n", per, r.getValue()[1] / (double) ops, r.getKey());
        }
    }
}
