package io.skynetj.bench;

import io.skynetj.console.ConsoleService;
import io.skynetj.lua.LuaNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.Writer;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/**
 * Inject benchmark (a program, not a test): the round trip of {@code inject <address> <patch>} over a
 * real TCP console connection — the console reads the file, the service compiles and runs it in its
 * own request, applies its writes, and the reply comes back — against a plain {@code ping}.
 * Run with {@code tools/bench-java InjectBench}.
 */
public final class InjectBench {
    private static final int WARMUP = 300;
    private static final int ROUNDS = 2000;

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("skynetj-inject-bench");
        Files.writeString(dir.resolve("target.lua"), """
            local skynet = require "skynet"
            require "skynet.manager"
            local CMD = {}
            function CMD.get() return "v1" end
            skynet.start(function()
                skynet.dispatch("lua", function(_, _, cmd, ...) skynet.retpack(CMD[cmd](...)) end)
                skynet.register(".target")
            end)
            """);
        Files.writeString(dir.resolve("main.lua"), """
            local skynet = require "skynet"
            skynet.start(function() skynet.newservice("target") end)
            """);
        Path patch = dir.resolve("patch.lua");
        Files.writeString(patch, "local n = ...\n_P.lua.CMD.get = function() return 'v' .. n end\nprint('patched', n)\n");
        LuaNode node = LuaNode.boot(Map.of("luaservice", dir + "/?.lua", "console", "127.0.0.1:0"),
            new PrintStream(System.out, true, StandardCharsets.UTF_8), LuaNode.home());
        int port = node.part(ConsoleService.class).address().getPort();
        try (Socket socket = new Socket("127.0.0.1", port)) {
            BufferedReader in = new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.UTF_8));
            Writer out = new OutputStreamWriter(socket.getOutputStream(), StandardCharsets.UTF_8);
            in.readLine(); // greeting
            while (!command(in, out, "ping .target").endsWith("<CMD OK>")) Thread.sleep(10); // until .target exists
            report("ping", in, out, i -> "ping .target");
            report("inject", in, out, i -> "inject .target " + patch + " " + i);
        }
        node.node().abort(0);
    }

    private static void report(String what, BufferedReader in, Writer out, java.util.function.IntFunction<String> line) throws Exception {
        for (int i = 0; i < WARMUP; i++) command(in, out, line.apply(i));
        long[] us = new long[ROUNDS];
        for (int i = 0; i < ROUNDS; i++) {
            long t0 = System.nanoTime();
            String reply = command(in, out, line.apply(i));
            us[i] = (System.nanoTime() - t0) / 1000;
            if (!reply.endsWith("<CMD OK>")) throw new IllegalStateException(what + " failed: " + reply);
        }
        Arrays.sort(us);
        System.out.printf("BENCH console_%s rounds=%d warmup=%d p50_us=%d p99_us=%d max_us=%d%n",
            what, ROUNDS, WARMUP, us[ROUNDS / 2], us[ROUNDS * 99 / 100], us[ROUNDS - 1]);
    }

    /** Sends one command line and returns the reply up to and including its terminator. */
    private static String command(BufferedReader in, Writer out, String line) throws Exception {
        out.write(line + "\n");
        out.flush();
        StringBuilder reply = new StringBuilder();
        for (String l = in.readLine(); l != null; l = in.readLine()) {
            reply.append(l);
            if (l.equals("<CMD OK>") || l.equals("<CMD Error>")) break;
            reply.append('\n');
        }
        return reply.toString();
    }
}
