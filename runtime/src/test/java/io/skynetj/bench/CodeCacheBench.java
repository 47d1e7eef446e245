package io.skynetj.bench;

import io.skynetj.cache.CodeCache;
import io.skynetj.lua.LuaNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.Prototype;

/**
 * Code cache benchmark (a program, not a test). Measures, for a ~200-line module, a cached load (the
 * cache lookup plus a fresh closure over the shared prototype) against a load after the file was
 * cleared (read, hash, compile); then {@code skynet.newservice} of a service requiring that module with
 * a warm cache against a cold one (the cache cleared before each launch, so {@code skynet.lua} and the
 * service's files are compiled again). Run with {@code tools/bench-java CodeCacheBench}.
 */
public final class CodeCacheBench {
    private static final int ROUNDS = 7;
    private static final int NEWSERVICE_COUNT = 300;
    /** Keeps benchmarked results reachable so the JIT cannot drop the work. */
    private static volatile Object sink;

    public static void main(String[] args) throws Exception {
        Path dir = Files.createTempDirectory("skynetj-bench");
        try {
            Path module = dir.resolve("benchmod.lua");
            Files.writeString(module, module());
            System.out.printf("module: %s, %d lines%n", module.getFileName(), Files.readAllLines(module).size());
            loads(module.toString());
            newservice(dir);
        } finally {
            try (Stream<Path> files = Files.walk(dir)) {
                files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static void loads(String path) throws IOException {
        CodeCache cache = new CodeCache(100);
        LuaTable env = new LuaTable();
        Prototype prototype = cache.load(path).prototype();
        double closure = nanosPerOp(2_000_000, () -> sink = new LuaClosure(prototype, env));
        double cached = nanosPerOp(2_000_000, () -> sink = new LuaClosure(cache.load(path).prototype(), env));
        double compiled = nanosPerOp(2_000, () -> {
            cache.clear(path);
            sink = new LuaClosure(cache.load(path).prototype(), env);
        });
        System.out.printf("new closure over the cached prototype:  %10.1f ns%n", closure);
        System.out.printf("load from cache (lookup + new closure): %10.1f ns%n", cached);
        System.out.printf("load after clear (read + hash + compile): %8.1f ns%n", compiled);
        System.out.printf("cached load is %.0fx faster%n", compiled / cached);
    }

    private static void newservice(Path dir) throws Exception {
        Files.writeString(dir.resolve("benchsvc.lua"), """
            local skynet = require "skynet"
            local m = require "benchmod"
            skynet.start(function()
                skynet.dispatch("lua", function(_, _, s) skynet.retpack(m.parse_1(s)) end)
            end)
            """);
        Files.writeString(dir.resolve("main.lua"), """
            local skynet = require "skynet"
            require "skynet.manager"
            local cache = require "skynet.codecache"
            local N = %d
            local function launches(clear)
                local spent = 0
                for i = 1, N do
                    if clear then cache.clear() end
                    local t0 = skynet.hpc()
                    local s = skynet.newservice("benchsvc")
                    spent = spent + (skynet.hpc() - t0)
                    skynet.kill(s)
                end
                return math.floor(spent / N)
            end
            skynet.start(function()
                launches(false) launches(true) -- warm-up (JIT)
                local warm, cold = launches(false), launches(true)
                print(string.format("RESULT %%d %%d", warm, cold))
                skynet.abort()
            end)
            """.formatted(NEWSERVICE_COUNT));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        LuaNode node = LuaNode.boot(Map.of("luaservice", dir + "/?.lua", "lua_path", dir + "/?.lua"),
            new PrintStream(out, true, StandardCharsets.UTF_8), LuaNode.home());
        if (!node.node().awaitTermination(5, TimeUnit.MINUTES)) throw new IllegalStateException("benchmark node did not finish");
        String text = out.toString(StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("RESULT (\\d+) (\\d+)").matcher(text);
        if (!m.find()) throw new IllegalStateException("no result; node output:\n" + text);
        double warm = Long.parseLong(m.group(1)) / 1000.0, cold = Long.parseLong(m.group(2)) / 1000.0;
        System.out.printf("newservice, warm cache: %8.1f us%n", warm);
        System.out.printf("newservice, cold cache: %8.1f us (%.1fx)%n", cold, cold / warm);
    }

    /** Median over {@link #ROUNDS} rounds (the first, a warm-up, dropped) of the time per call. */
    private static double nanosPerOp(int iterations, ThrowingRunnable op) throws IOException {
        double[] perOp = new double[ROUNDS];
        for (int r = -1; r < ROUNDS; r++) {
            long t0 = System.nanoTime();
            for (int i = 0; i < iterations; i++) op.run();
            if (r >= 0) perOp[r] = (System.nanoTime() - t0) / (double) iterations;
        }
        Arrays.sort(perOp);
        return perOp[ROUNDS / 2];
    }

    private interface ThrowingRunnable {
        void run() throws IOException;
    }

    /** A ~200-line module of ordinary Lua: string handling, tables, loops, closures. */
    private static String module() {
        StringBuilder lua = new StringBuilder("""
            local M = {}
            local insert, concat, format = table.insert, table.concat, string.format
            """);
        for (int i = 1; i <= 22; i++) lua.append("""

            function M.parse_%1$d(s)
                local out = {}
                for word in s:gmatch("%%S+") do
                    local n = tonumber(word)
                    if n then insert(out, format("%%d", n * %1$d)) else insert(out, word:upper()) end
                end
                return concat(out, ",")
            end
            """.formatted(i));
        return lua.append("\nreturn M\n").toString();
    }
}
