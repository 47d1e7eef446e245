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
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Memory exhaustion through real nodes: a service over its skynet.memlimit gets "not enough memory"
 * while the others serve; a service without one, filling the heap of a small JVM, is killed by the
 * node's memory guard and the node keeps serving.
 */
class MemoryLimitTest {
    @TempDir
    Path dir;

    /** Keeps what "fill" adds in `kept` (reachable after the request) or in a local table ("fill_local"). */
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
        skynet.start(function()
            skynet.dispatch("lua", function(_, _, cmd)
                if cmd == "fill" then fill(kept)
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
     * Sends a hog without memlimit the command in config hog_command, pings another service
     * meanwhile, reports whether the hog still answers, then pings 20 more times.
     */
    static final String CHILD_MAIN = """
        local skynet = require "skynet"
        require "skynet.manager"
        local command = skynet.getenv "hog_command"
        skynet.start(function()
            local pong = skynet.newservice("pong")
            local hog = skynet.newservice("hog")
            local hog_done = false
            -- pings while the hog runs (without the guard, the OutOfMemoryError may hit this fork too)
            skynet.fork(function()
                while not hog_done do
                    skynet.call(pong, "lua")
                    skynet.sleep(1)
                end
            end)
            print("hog call: " .. tostring(pcall(skynet.call, hog, "lua", command)))
            hog_done = true
            print("hog after: " .. tostring(pcall(skynet.call, hog, "lua", "drop")))
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
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("the node did not end; output:\n" + Files.readString(out));
        }
        String output = Files.readString(out);
        assertEquals(0, p.exitValue(), output);
        assertTrue(output.contains("hog call: false"), output);
        assertTrue(output.contains("SERVING pong 20"), output);
        return output;
    }

    @Test
    void theMemoryGuardKillsAHogWithoutMemlimitAndTheNodeKeepsServing() throws Exception {
        // well below the default (0.85): the guard reacts to GC notifications on its own thread, and a hog
        // in a tight loop fills 0.7's 38 MB of headroom before a loaded machine schedules it (seen once)
        String output = runChildNode("memory_guard = 0.5\nhog_command = \"fill\"\n");
        assertTrue(output.matches("(?s).*memory guard: heap \\d+ MB of \\d+ MB in use after a full collection \\(memory_guard 0.50\\):"
            + " killing :0000000\\w \\(snlua hog\\), which allocated \\d+ MB since the guard last looked.*"), output);
        assertTrue(output.contains("hog after: false"), "the hog is gone: " + output);
        assertTrue(!output.contains("OutOfMemoryError"), output);
    }

    /**
     * With the guard off, a request filling a local table runs the JVM out of heap: whichever thread
     * gets the OutOfMemoryError (the hog, a carrier, the timer thread, a monitor) goes on, the hog's
     * caller gets an error, the table becomes garbage and everything serves again.
     */
    @Test
    void withoutTheGuardAnOutOfMemoryErrorFailsTheRequestAndWedgesNothing() throws Exception {
        String output = runChildNode("memory_guard = 0\nhog_command = \"fill_local\"\n");
        assertTrue(!output.contains("memory guard:"), output);
        assertTrue(output.contains("hog after: true"), "the hog itself still serves: " + output);
    }
}
