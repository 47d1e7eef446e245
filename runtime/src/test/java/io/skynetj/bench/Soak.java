package io.skynetj.bench;

import io.skynetj.console.ConsoleService;
import io.skynetj.lua.LuaNode;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The issue-16 soak: one real node (thread = 2) under runaway loops and connection floods, measured
 * from outside through real TCP where a user would stand. Not part of the unit suite: run it with
 * {@code tools/soak}. Each measurement is a {@link Phase}; a new one (heap after a memory hog,
 * say) is one more entry in {@link #PHASES}.
 */
public final class Soak {
    /** One measurement: runs against the node and prints its figures. */
    interface Phase {
        void run(Soak soak) throws Exception;
    }

    static final List<Map.Entry<String, Phase>> PHASES = List.of(
        Map.entry("ping latency while two endless loops run", Soak::pingUnderLoops),
        Map.entry("console kill of a looping service to its caller's error", Soak::killToError),
        Map.entry("console slots after a flood of idle connections", Soak::consoleFlood),
        Map.entry("cluster slots after a flood of idle connections", Soak::clusterFlood));

    private static final Map<String, String> LUA = new LinkedHashMap<>();

    static {
        LUA.put("pong", """
            local skynet = require "skynet"
            skynet.start(function() skynet.dispatch("lua", function() skynet.ret(skynet.pack("pong")) end) end)
            """);
        LUA.put("looper", """
            local skynet = require "skynet"
            skynet.start(function()
                skynet.dispatch("lua", function(_, _, cmd)
                    if cmd == "loop" then while true do end end
                    skynet.ret(skynet.pack("ok"))
                end)
            end)
            """);
        LUA.put("echo", """
            local skynet = require "skynet"
            local cluster = require "skynet.cluster"
            skynet.start(function()
                skynet.dispatch("lua", function(_, _, ...) skynet.retpack(...) end)
                cluster.register("echo")
            end)
            """);
        // main: steered by "lua" messages from the driver (a command word and an argument)
        LUA.put("main", """
            local skynet = require "skynet"
            require "skynet.manager"
            local cluster = require "skynet.cluster"
            local pong
            local function percentiles(samples)
                table.sort(samples)
                local function at(p) return samples[math.max(1, math.ceil(#samples * p))] / 1e6 end
                return string.format("n=%d p50=%.3f ms p99=%.3f ms max=%.3f ms", #samples, at(0.5), at(0.99), at(1))
            end
            local function pings(n)
                local samples = {}
                for i = 1, n do
                    local t0 = skynet.hpc()
                    skynet.call(pong, "lua")
                    samples[i] = skynet.hpc() - t0
                end
                return percentiles(samples)
            end
            local CMD = {}
            function CMD.pings(n) print("PINGS " .. pings(n)) end
            function CMD.loop(name)
                local l = skynet.newservice("looper")
                skynet.name(name, l)
                skynet.fork(function()
                    local ok = pcall(skynet.call, l, "lua", "loop")
                    print("LOOP ENDED " .. name .. " " .. tostring(ok) .. " " .. skynet.hpc())
                end)
                print("LOOPING " .. name)
            end
            skynet.start(function()
                pong = skynet.newservice("pong")
                skynet.newservice("echo")
                local _, port = cluster.open(0)
                skynet.register(".main")
                skynet.dispatch("lua", function(_, _, cmd, arg) CMD[cmd](arg) end)
                print("READY " .. port)
            end)
            """);
    }

    private final LuaNode node;
    private final int consolePort;
    private final int clusterPort;
    private final LinkedBlockingQueue<String> printed;
    private final List<String> seen = new ArrayList<>();
    private final int pingCount;
    private final int flood;

    private Soak(LuaNode node, LinkedBlockingQueue<String> printed, int pingCount, int flood) throws InterruptedException {
        this.node = node;
        this.printed = printed;
        this.consolePort = node.part(ConsoleService.class).address().getPort();
        String ready = await("READY ");
        this.clusterPort = Integer.parseInt(ready.substring(ready.indexOf("READY ") + 6).trim());
        this.pingCount = pingCount;
        this.flood = flood;
    }

    public static void main(String[] args) throws Exception {
        int pings = 2000;
        int flood = 1200;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--pings" -> pings = Integer.parseInt(args[++i]);
                case "--flood" -> flood = Integer.parseInt(args[++i]);
                default -> {
                    System.err.println("usage: tools/soak [--pings N (2000)] [--flood N idle sockets (1200)]");
                    System.exit(2);
                }
            }
        }
        Path dir = Files.createTempDirectory("skynetj-soak");
        for (Map.Entry<String, String> s : LUA.entrySet()) Files.writeString(dir.resolve(s.getKey() + ".lua"), s.getValue());
        LinkedBlockingQueue<String> printed = new LinkedBlockingQueue<>();
        PrintStream out = new PrintStream(new LineSink(printed), true, StandardCharsets.UTF_8);
        Map<String, String> config = Map.of("thread", "2", "console", "127.0.0.1:0", "start", "main",
            "luaservice", dir + "/?.lua", "lua_path", dir + "/?.lua");
        LuaNode node = LuaNode.boot(config, out, LuaNode.home());
        try {
            Soak soak = new Soak(node, printed, pings, flood);
            System.out.printf("skynetj soak: thread = 2, %d cores, load average %s%n", Runtime.getRuntime().availableProcessors(), loadAverage());
            for (Map.Entry<String, Phase> p : PHASES) {
                System.out.println("== " + p.getKey());
                p.getValue().run(soak);
            }
            System.out.println("load average at the end: " + loadAverage());
        } finally {
            node.node().abort(0);
        }
        System.exit(0);
    }

    // ------------------------------------------------------------------ phases

    private void pingUnderLoops() throws Exception {
        tell("pings", String.valueOf(pingCount));
        System.out.println("  no loops:        " + after(await("PINGS ")));
        tell("loop", ".loop1");
        tell("loop", ".loop2");
        await("LOOPING .loop1");
        await("LOOPING .loop2");
        tell("pings", String.valueOf(pingCount));
        System.out.println("  two loops:       " + after(await("PINGS ")));
    }

    private void killToError() throws Exception {
        List<Double> ms = new ArrayList<>();
        try (Console c = new Console(consolePort)) {
            for (int round = 0; round < 6; round++) {
                String name = round < 2 ? ".loop" + (round + 1) : ".kill" + round;
                if (round >= 2) {
                    tell("loop", name);
                    await("LOOPING " + name);
                    Thread.sleep(50); // let the loop start spinning (a kill before it runs is no test)
                }
                long sent = System.nanoTime();
                List<String> reply = c.command("kill " + name);
                if (!reply.getLast().equals("<CMD OK>")) throw new IllegalStateException("kill " + name + ": " + reply);
                String ended = await("LOOP ENDED " + name + " false ");
                long at = Long.parseLong(ended.substring(ended.lastIndexOf(' ') + 1));
                ms.add((at - sent) / 1e6);
            }
        }
        double[] sorted = ms.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf("  kill -> caller's error: n=%d median=%.2f ms max=%.2f ms (all: %s)%n", sorted.length, sorted[sorted.length / 2],
            sorted[sorted.length - 1], Arrays.toString(ms.stream().map(v -> String.format("%.2f", v)).toArray()));
    }

    private void consoleFlood() throws Exception {
        List<Socket> idle = openIdle(consolePort, flood);
        try {
            int served = 0;
            long t0 = System.nanoTime();
            List<Console> real = new ArrayList<>();
            try {
                for (int i = 0; i < 16; i++) {
                    Console c = new Console(consolePort);
                    real.add(c);
                    if (c.command("list").getLast().equals("<CMD OK>")) served++;
                }
            } finally {
                for (Console c : real) c.close();
            }
            System.out.printf("  %d idle connections open; then %d/16 real clients served at once (16 slots), in %.1f ms%n", idle.size(), served,
                (System.nanoTime() - t0) / 1e6);
        } finally {
            for (Socket s : idle) s.close();
        }
    }

    private void clusterFlood() throws Exception {
        List<Socket> idle = openIdle(clusterPort, flood);
        try {
            int answered = 0;
            long t0 = System.nanoTime();
            List<Socket> peers = new ArrayList<>();
            try {
                for (int i = 0; i < 50; i++) {
                    Socket s = new Socket(InetAddress.getLoopbackAddress(), clusterPort);
                    s.setSoTimeout(20_000);
                    peers.add(s);
                    s.getOutputStream().write(echoRequest(i + 1));
                }
                for (Socket s : peers) if (readFrame(s) != null) answered++;
            } finally {
                for (Socket s : peers) s.close();
            }
            System.out.printf("  %d idle connections open (1024 slots); then %d/50 real peers' calls answered, in %.1f ms%n", idle.size(), answered,
                (System.nanoTime() - t0) / 1e6);
        } finally {
            for (Socket s : idle) s.close();
        }
    }

    // ------------------------------------------------------------------ helpers

    private static List<Socket> openIdle(int port, int n) {
        List<Socket> idle = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            try {
                idle.add(new Socket(InetAddress.getLoopbackAddress(), port));
            } catch (IOException e) {
                break; // out of file descriptors or ephemeral ports: flood with what we have
            }
        }
        return idle;
    }

    /** skynet's cluster request to "@echo", session s, payload skynet.pack("hi"): tag 0x80. */
    private static byte[] echoRequest(int session) {
        byte[] payload = io.skynetj.lua.Pack.pack(org.luaj.vm2.LuaValue.valueOf("hi"));
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        byte[] name = "@echo".getBytes(StandardCharsets.US_ASCII);
        int len = 2 + name.length + 4 + payload.length;
        b.write(len >>> 8);
        b.write(len);
        b.write(0x80);
        b.write(name.length);
        b.writeBytes(name);
        for (int i = 0; i < 4; i++) b.write(session >>> (8 * i));
        b.writeBytes(payload);
        return b.toByteArray();
    }

    private static byte[] readFrame(Socket s) {
        try {
            var in = new java.io.DataInputStream(s.getInputStream());
            byte[] body = new byte[in.readUnsignedShort()];
            in.readFully(body);
            return body;
        } catch (IOException e) {
            return null;
        }
    }

    private void tell(String cmd, String arg) {
        var n = node.node();
        int main = n.lookup(".main");
        n.send(0, main, io.skynetj.kernel.Ptype.LUA, 0, io.skynetj.lua.Pack.pack(org.luaj.vm2.LuaValue.varargsOf(
            org.luaj.vm2.LuaValue.valueOf(cmd), org.luaj.vm2.LuaValue.valueOf(arg))));
    }

    private String await(String text) throws InterruptedException {
        for (String l : seen) if (l.contains(text)) { seen.remove(l); return l; }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        for (;;) {
            String l = printed.poll(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (l == null) throw new IllegalStateException("no line containing \"" + text + "\" within 120 s");
            if (l.contains(text)) return l;
            seen.add(l);
        }
    }

    private static String after(String line) {
        return line.substring(line.indexOf("PINGS ") + 6);
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).trim();
        } catch (IOException e) {
            return "unknown";
        }
    }

    /** A console client: skynet's line protocol over TCP. */
    private static final class Console implements AutoCloseable {
        private final Socket socket;
        private final BufferedReader in;
        private final OutputStream out;

        Console(int port) throws IOException {
            socket = new Socket(InetAddress.getLoopbackAddress(), port);
            socket.setSoTimeout(20_000);
            in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            out = socket.getOutputStream();
            out.write('\n');
            out.flush();
            String greeting = in.readLine();
            if (!"Welcome to skynet console".equals(greeting)) throw new IOException("no greeting: " + greeting);
        }

        List<String> command(String line) throws IOException {
            out.write((line + "\n").getBytes(StandardCharsets.UTF_8));
            out.flush();
            List<String> reply = new ArrayList<>();
            for (String l = in.readLine(); l != null; l = in.readLine()) {
                reply.add(l);
                if (l.equals("<CMD OK>") || l.equals("<CMD Error>")) return reply;
            }
            throw new IOException("closed; got " + reply);
        }

        @Override
        public void close() throws IOException {
            socket.close();
        }
    }

    /** Collects printed lines. */
    private static final class LineSink extends OutputStream {
        private final LinkedBlockingQueue<String> lines;
        private final ByteArrayOutputStream partial = new ByteArrayOutputStream();

        LineSink(LinkedBlockingQueue<String> lines) {
            this.lines = lines;
        }

        @Override
        public synchronized void write(int b) {
            if (b == '\n') {
                lines.add(partial.toString(StandardCharsets.UTF_8));
                partial.reset();
            } else {
                partial.write(b);
            }
        }
    }
}
