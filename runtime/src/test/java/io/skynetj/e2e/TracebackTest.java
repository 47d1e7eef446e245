package io.skynetj.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Tracebacks and debug.getinfo in services, from the frames the interpreter records (patch 0011).
 * The expected texts are what lua5.4 (5.4.4) prints for the same functions, with traced.lua required as a
 * module (its functions are named by their place in package.loaded, 'traced.run'); only the frames below
 * the service's own code (skynet.lua's start-up, where lua5.4 has its caller) are left out.
 */
class TracebackTest {
    @TempDir
    Path dir;

    private static final String TRACED = """
        local skynet = require "skynet"
        local M = {}
        local function inner(x)
            local here = debug.getinfo(1, "Sl")
            local caller = debug.getinfo(2, "Sln")
            print("INFO", here.short_src, here.currentline, here.what, caller.currentline, caller.name)
            print(debug.traceback("TB"))
            error("boom " .. x)
        end
        local function outer()
            inner(1)
        end
        function M.run()
            print(xpcall(outer, debug.traceback))
            local co = coroutine.create(function() coroutine.yield(1) end)
            coroutine.resume(co)
            print(debug.traceback(co))
            table.sort({3, 2, 1}, function(a, b) print(debug.traceback("SORT", 1)) return a < b end)
        end
        return M
        """;

    /** {@code count} lines from the first one starting with {@code first}. */
    private static List<String> block(List<String> lines, String first, int count) {
        int i = lines.indexOf(lines.stream().filter(l -> l.startsWith(first)).findFirst().orElseThrow());
        return lines.subList(i, i + count);
    }

    @Test
    void tracebacksAndGetinfoShowTheLuaFrames() throws Exception {
        try (TestNode node = LuaScenario.node(dir).service("traced", TRACED).service("main", """
            local skynet = require "skynet"
            skynet.start(function()
                require("traced").run()
                print("DONE")
            end)
            """).start("main")) {
            node.await("DONE");
            String f = dir.resolve("traced.lua").toString();
            List<String> lines = node.lines();
            assertEquals("INFO\t" + f + "\t4\tLua\t11\tnil", lines.stream().filter(l -> l.startsWith("INFO")).findFirst().orElseThrow());
            assertEquals(List.of("TB", "stack traceback:",
                "\t" + f + ":7: in upvalue 'inner'",
                "\t" + f + ":11: in function <" + f + ":10>",
                "\t[C]: in function 'xpcall'",
                "\t" + f + ":14: in function 'traced.run'"), block(lines, "TB", 6));
            assertEquals(List.of("false\t" + f + ":8: boom 1", "stack traceback:",
                "\t[C]: in function 'error'",
                "\t" + f + ":8: in upvalue 'inner'",
                "\t" + f + ":11: in function <" + f + ":10>",
                "\t[C]: in function 'xpcall'",
                "\t" + f + ":14: in function 'traced.run'"), block(lines, "false\t", 7));
            int yield = lines.indexOf("\t[C]: in function 'coroutine.yield'");
            assertEquals(List.of("stack traceback:", "\t[C]: in function 'coroutine.yield'", "\t" + f + ":15: in function <" + f + ":15>"),
                lines.subList(yield - 1, yield + 2));
            assertEquals(List.of("SORT", "stack traceback:",
                "\t" + f + ":18: in function <" + f + ":18>",
                "\t[C]: in function 'table.sort'",
                "\t" + f + ":18: in function 'traced.run'"), block(lines, "SORT", 5));
        }
    }

    /** A function a loaded module holds is named by its place there ('helper.explode', 'string.gsub'), as Lua 5.4. */
    @Test
    void anErrorInAHandlerIsLoggedWithItsTraceback() throws Exception {
        try (TestNode node = LuaScenario.node(dir).service("helper", """
            local M = {}
            function M.explode(x)
                error("exploded " .. x)
            end
            return M
            """).service("main", """
            local skynet = require "skynet"
            local helper = require "helper"
            local function fail(t)
                return t.field
            end
            local function handle()
                fail(nil)
            end
            local function replace()
                string.gsub("a", "a", function(s) helper.explode(s) end)
            end
            skynet.start(function()
                skynet.fork(handle)
                skynet.fork(replace)
                skynet.fork(function() print("DONE") end)
            end)
            """).start("main")) {
            node.await("DONE");
            String f = dir.resolve("main.lua").toString(), h = dir.resolve("helper.lua").toString();
            String failed = node.await("attempt to index a nil value (local 't')"), exploded = node.await(h + ":3: exploded a");
            List<String> lines = node.lines();
            int i = lines.indexOf(failed);
            assertEquals(List.of("stack traceback:",
                "\t" + f + ":4: in upvalue 'fail'",
                "\t" + f + ":7: in function <" + f + ":6>"), lines.subList(i + 1, i + 4));
            i = lines.indexOf(exploded);
            assertEquals(List.of("stack traceback:",
                "\t[C]: in function 'error'",
                "\t" + h + ":3: in function 'helper.explode'",
                "\t" + f + ":10: in function <" + f + ":10>",
                "\t[C]: in function 'string.gsub'",
                "\t" + f + ":10: in function <" + f + ":9>"), lines.subList(i + 1, i + 7));
        }
    }
}
