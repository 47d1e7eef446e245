package io.skynetj.e2e;

import static io.skynetj.e2e.LuaScenario.assertPassed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.skynetj.cli.Main;
import io.skynetj.lua.LuaNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Memory exhaustion through real nodes: a service over its skynet.memlimit gets "not enough memory"
 * while the others serve; a service without one, filling the heap of a small JVM, is killed by the
 * node's memory guard before the JVM runs out, and the node keeps serving.
 */
class MemoryLimitTest {
    @TempDir
    Path dir;

    /**
     * Keeps what "fill" adds in `kept` (reachable after the request) or in a local table ("fill_local");
     * "fill_concat" keeps strings built by concatenation, "fill_tables" many small tables.
     */
    static final String HOG = """
        local skynet = require "skynet"
        local limit = ...
        if limit then skynet.memlimit(tonumber(limit)) end
        local kept = {}
        local function fill(t)
            local i = 0
            while true do
                i = i + 1
                t[i] = string.rep("x", 100) .. i
            end
        end
        local function fill_concat(t)
            local i, s = 0, ""
            while true do
                i = i + 1
                s = s .. "chunk" .. i
                if #s > 1000 then t[#t + 1] = s; s = "" end
            end
        end
        local function fill_tables(t)
            local i = 0
            while true do
                i = i + 1
                t[i] = { i, i + 1, name = "t" }
            end
        end
        skynet.start(function()
            skynet.dispatch("lua", function(_, _, cmd)
                if cmd == "fill" then fill(kept)
                elseif cmd == "fill_concat" then fill_concat(kept)
                elseif cmd == "fill_tables" then fill_tables(kept)
                elseif cmd == "fill_local" then fill({})
                elseif cmd == "pcall_fill" then skynet.retpack(pcall(fill, {})) return
                elseif cmd == "drop" then kept = {} end
                skynet.retpack("ok")
            end)
        end)
        """;

    static final String PONG = """
        local skynet = require "skynet"
        skynet.start(function() skynet.dispatch("lua", function() skynet.retpack("pong") end) end)
        """;

    @Test
    void aServiceOverItsMemlimitGetsAMemoryErrorAndTheOthersServe() throws Exception {
        try (TestNode node = LuaScenario.node(dir).config("thread", "2").service("hog", HOG).service("pong", PONG)
            .service("main", """
            local skynet = require "skynet"
            local check = require "check"
            skynet.start(function()
                local hog = skynet.newservice("hog", 4 * 1024 * 1024)
                local pong = skynet.newservice("pong")
                local done = false
                local pongs = 0
                skynet.fork(function()
                    while not done do
                        if skynet.call(pong, "lua") == "pong" then pongs = pongs + 1 end
                        skynet.sleep(1)
                    end
                end)
                check.raises("the caller of a request that fills a local table gets an error", "call failed", skynet.call, hog, "lua", "fill_local")
                local ok, err = skynet.call(hog, "lua", "pcall_fill")
                check.eq("pcall in the hog sees Lua's memory error", tostring(ok) .. " " .. tostring(err), "false not enough memory")
                check.raises("the caller of a request that fills a kept table gets an error", "call failed", skynet.call, hog, "lua", "fill")
                local kb, limit = skynet.call(hog, "debug", "MEM")
                check.ok("debug MEM reports the live size near the limit", kb > 3 * 1024 and kb < 5 * 1024, kb)
                check.eq("debug MEM reports the memlimit in KB", limit, 4096)
                check.eq("the hog serves small requests once it dropped its data", skynet.call(hog, "lua", "drop"), "ok")
                local before = pongs
                while pongs < before + 3 do skynet.sleep(1) end
                done = true
                check.ok("another service answered while the hog ran", pongs > 3, pongs)
                print("DONE")
            end)
            """).start("main")) {
            assertPassed(node, "the caller of a request that fills a local table gets an error",
                "pcall in the hog sees Lua's memory error", "the caller of a request that fills a kept table gets an error",
                "debug MEM reports the live size near the limit", "debug MEM reports the memlimit in KB",
                "the hog serves small requests once it dropped its data", "another service answered while the hog ran");
            node.await("Set memory limit to 4.00 M");
            node.await("lua memory error : [");
        }
    }

    /**
     * For each command in config hog_commands (comma-separated), starts a hog without memlimit and
     * sends it that command while it pings another service, reports whether the hog still answers;
     * at the end pings 20 more times and ends the node.
     */
    static final String CHILD_MAIN = """
        local skynet = require "skynet"
        require "skynet.manager"
        skynet.start(function()
            local pong = skynet.newservice("pong")
            for command in skynet.getenv("hog_commands"):gmatch("[^,]+") do
                local hog = skynet.newservice("hog")
                local hog_done = false
                local pongs = 0
                -- pings while the hog runs (without the guard, the OutOfMemoryError may hit this fork too)
                skynet.fork(function()
                    while not hog_done do
                        if pcall(skynet.call, pong, "lua") then pongs = pongs + 1 end
                        skynet.sleep(1)
                    end
                end)
                print("hog call: " .. command .. " " .. tostring(pcall(skynet.call, hog, "lua", command)))
                hog_done = true
                print("hog after: " .. command .. " " .. tostring(pcall(skynet.call, hog, "lua", "drop")))
                print("pongs during " .. command .. ": " .. pongs)
            end
            for i = 1, 20 do
                print("SERVING " .. skynet.call(pong, "lua") .. " " .. i)
            end
            skynet.abort()
        end)
        """;

    /** Runs CHILD_MAIN in a node in its own JVM with a 128 MB heap; returns what it printed (it must exit 0). */
    private String runChildNode(String config) throws Exception {
        Files.writeString(dir.resolve("hog.lua"), HOG);
        Files.writeString(dir.resolve("pong.lua"), PONG);
        Files.writeString(dir.resolve("main.lua"), CHILD_MAIN);
        Files.writeString(dir.resolve("node.config"), "thread = 2\nluaservice = \"./?.lua\"\n" + config);
        Path out = dir.resolve("stdout.txt");
        Process p = new ProcessBuilder(List.of(ProcessHandle.current().info().command().orElse("java"), "-Xmx128m",
            "--add-opens", "java.base/java.lang=ALL-UNNAMED", "-cp", System.getProperty("java.class.path"),
            "-Dskynetj.home=" + LuaNode.home(), Main.class.getName(), "run", "node.config"))
            .directory(dir.toFile()).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        // generous: six builds at once slowed a child's start-up to 50 s and its hogs to a minute
        if (!p.waitFor(400, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the node did not end; output:\n" + Files.readString(out));
        }
        String output = Files.readString(out);
        assertEquals(0, p.exitValue(), output);
        assertTrue(output.contains("SERVING pong 20"), output);
        return output;
    }

    /**
     * Hogs in a tight loop (one growing table, concatenated strings, many small tables) at the
     * default memory_guard and at 0.7 of a 128 MB heap: each is killed by the guard before the JVM
     * runs out (it checks at the hog's own safe points, not only on a thread of its own that a busy
     * machine may run too late), its caller gets an error, the other service answered meanwhile, and
     * the JVM never threw OutOfMemoryError anywhere.
     */
    @ParameterizedTest
    @ValueSource(strings = {"", "0.7"})
    void theMemoryGuardKillsHogsWithoutMemlimitBeforeTheHeapRunsOut(String fraction) throws Exception {
        List<String> commands = List.of("fill", "fill_concat", "fill_tables");
        String output = runChildNode((fraction.isEmpty() ? "" : "memory_guard = " + fraction + "\n")
            + "hog_commands = \"" + String.join(",", commands) + "\"\n");
        assertTrue(!output.contains("OutOfMemoryError"), output);
        String shown = fraction.isEmpty() ? "0.85" : "0.70";
        Matcher kills = Pattern.compile("memory guard: heap \\d+ MB of \\d+ MB in use after a full collection \\(memory_guard "
            + Pattern.quote(shown) + "\\): killing :[0-9a-f]{8} \\(snlua hog\\), which allocated \\d+ MB since the guard last looked").matcher(output);
        int killed = 0;
        while (kills.find()) killed++;
        assertEquals(commands.size(), killed, output);
        for (String command : commands) {
            assertTrue(output.contains("hog call: " + command + " false"), "the caller of " + command + " gets an error: " + output);
            assertTrue(output.contains("hog after: " + command + " false"), "the " + command + " hog is gone: " + output);
            Matcher pongs = Pattern.compile("pongs during " + command + ": (\\d+)").matcher(output);
            assertTrue(pongs.find() && Integer.parseInt(pongs.group(1)) > 0, "pong answered while " + command + " ran: " + output);
        }
    }

    /**
     * With the guard off, a request filling a local table runs the JVM out of heap: whichever thread
     * gets the OutOfMemoryError (the hog, a carrier, the timer thread, a monitor) goes on, the hog's
     * caller gets an error, the table becomes garbage and everything serves again.
     */
    @Test
    void withoutTheGuardAnOutOfMemoryErrorFailsTheRequestAndWedgesNothing() throws Exception {
        String output = runChildNode("memory_guard = 0\nhog_commands = \"fill_local\"\n");
        assertTrue(!output.contains("memory guard:"), output);
        assertTrue(output.contains("hog call: fill_local false"), output);
        assertTrue(output.contains("hog after: fill_local true"), "the hog itself still serves: " + output);
    }
}
