package io.skynetj.e2e;

import static io.skynetj.e2e.LuaScenario.assertPassed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lua code that never returns (while true do end) runs on the node's two carrier threads without
 * starving the other services, and can be killed, signalled or limited (patch 0012's safe points).
 */
class RunawayLoopTest {
    @TempDir
    Path dir;

    static final String LOOPER = """
        local skynet = require "skynet"
        skynet.start(function()
            skynet.dispatch("lua", function(_, _, cmd)
                if cmd == "loop" then
                    local n = 0
                    while true do n = n + 1 end
                elseif cmd == "for" then
                    for i = 1, math.huge do end
                end
                skynet.ret(skynet.pack("pong"))
            end)
        end)
        """;

    static final String PONG = """
        local skynet = require "skynet"
        skynet.start(function() skynet.dispatch("lua", function() skynet.ret(skynet.pack("pong")) end) end)
        """;

    @Test
    void twoRunawayLoopsDoNotStarveTheNodeAndDieWhenKilled() throws Exception {
        try (TestNode node = LuaScenario.node(dir).config("thread", "2").service("looper", LOOPER).service("pong", PONG)
            .service("main", """
            local skynet = require "skynet"
            require "skynet.manager"
            local check = require "check"
            skynet.start(function()
                local a, b = skynet.newservice("looper"), skynet.newservice("looper")
                local p = skynet.newservice("pong")
                local failures = {}
                local function expect_failure(who, cmd)
                    local _, err = pcall(skynet.call, who, "lua", cmd)
                    failures[#failures + 1] = err
                end
                skynet.fork(expect_failure, a, "loop")
                skynet.fork(expect_failure, b, "for")
                skynet.sleep(10) -- both loops are running by now (whether they are is what the pings check)
                local answered = 0
                for i = 1, 50 do
                    if skynet.call(p, "lua") == "pong" then answered = answered + 1 end
                end
                check.eq("other services answer while two loops run", answered, 50)
                skynet.kill(a)
                skynet.kill(b)
                while #failures < 2 do skynet.sleep(1) end
                check.ok("the callers of the killed loopers get an error", tostring(failures[1]):find("call failed")
                    and tostring(failures[2]):find("call failed"), check.list(failures))
                check.raises("a killed looper is gone", "call to invalid address", skynet.call, a, "lua", "loop")
                print("DONE")
            end)
            """).start("main")) {
            assertPassed(node, "other services answer while two loops run", "the callers of the killed loopers get an error",
                "a killed looper is gone");
        }
    }

    @Test
    void consoleSignalInterruptsTheLoopAndTheServiceGoesOn() throws Exception {
        try (TestNode node = LuaScenario.node(dir).config("console", "127.0.0.1:0").service("looper", LOOPER)
            .service("main", """
            local skynet = require "skynet"
            require "skynet.manager"
            skynet.start(function()
                local a = skynet.newservice("looper")
                skynet.name(".looper", a)
                skynet.fork(function()
                    local ok, err = pcall(skynet.call, a, "lua", "loop")
                    print("LOOP CALL", ok)
                    print("AFTER SIGNAL", skynet.call(a, "lua", "ping"))
                end)
                print("READY")
            end)
            """).start("main");
             ConsoleConnection c = ConsoleConnection.open(node.consolePort())) {
            node.await("READY");
            assertEquals("<CMD Error>", c.command("signal .nosuch").getLast());
            assertEquals("<CMD Error>", c.command("signal .looper x").getLast());
            // the request may not have reached the loop yet: the signal then stops the loop when it starts
            assertEquals(List.of("<CMD OK>"), c.command("signal .looper"));
            node.await("recv a signal 0");
            node.awaitLine(l -> l.contains("error : ") && l.contains("looper.lua:6: signal 0"), "the signal raised in the loop");
            node.await("LOOP CALL\tfalse");
            node.await("AFTER SIGNAL\tpong");
            assertTrue(node.lines().contains("stack traceback:"), String.join("\n", node.lines()));
        }
    }

    @Test
    void endlessLimitInterruptsAnExecutionThatRunsTooLong() throws Exception {
        try (TestNode node = LuaScenario.node(dir).config("endless_limit", "0.2").service("looper", LOOPER)
            .service("main", """
            local skynet = require "skynet"
            local check = require "check"
            skynet.start(function()
                local a = skynet.newservice("looper")
                local ok, err = pcall(skynet.call, a, "lua", "loop")
                check.eq("the caller gets an error", ok, false)
                check.eq("the service still serves", skynet.call(a, "lua", "ping"), "pong")
                print("DONE")
            end)
            """).start("main")) {
            assertPassed(node, "the caller gets an error", "the service still serves");
            assertTrue(node.lines().stream().anyMatch(l -> l.contains("endless loop:") && l.contains("endless_limit (0.2 s)")),
                String.join("\n", node.lines()));
        }
    }
}
