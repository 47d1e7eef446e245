package io.skynetj.e2e;

import static io.skynetj.e2e.LuaScenario.assertPassed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What callers see when things go wrong. Where skynet's caller blocks forever (callee killed
 * mid-request, forgotten reply, unregistered global name) skynetj's caller gets an error.
 */
class FailureTest {
    @TempDir
    Path dir;

    static final String VICTIM = """
        local skynet = require "skynet"
        local CMD = {}
        function CMD.hang() skynet.sleep(100000) skynet.retpack("late") end
        function CMD.boom() error("boom in handler") end
        function CMD.forget() end
        function CMD.ping() skynet.retpack("pong") end
        function CMD.quit() skynet.exit() end
        function CMD.send_function() skynet.retpack(function() end) end
        skynet.start(function()
            skynet.dispatch("lua", function(session, source, cmd, ...)
                CMD[cmd](...)
            end)
        end)
        """;

    @Test
    void callerOfAKilledServiceGetsAnError() throws Exception {
        try (TestNode node = LuaScenario.node(dir).service("victim", VICTIM).service("main", """
            local skynet = require "skynet"
            require "skynet.manager"
            local check = require "check"
            skynet.start(function()
                local v = skynet.newservice("victim")
                local results = {}
                for i = 1, 3 do
                    skynet.fork(function()
                        local ok, err = pcall(skynet.call, v, "lua", "hang")
                        results[#results + 1] = tostring(ok) .. ":" .. tostring(err):match("call failed") 
                    end)
                end
                skynet.sleep(5)
                skynet.kill(v)
                while #results < 3 do skynet.sleep(1) end
                check.eq("every pending call fails", check.list(results), "false:call failed,false:call failed,false:call failed")
                check.eq("send to the dead returns nil", skynet.send(v, "lua", "ping"), nil)
                check.raises("call to the dead", "call to invalid address", skynet.call, v, "lua", "ping")
                print("DONE")
            end)
            """).start("main")) {
            assertPassed(node, "every pending call fails", "send to the dead returns nil", "call to the dead");
        }
    }

    @Test
    void callerOfAnExitingServiceGetsAnError() throws Exception {
        try (TestNode node = LuaScenario.node(dir).service("victim", VICTIM).service("main", """
            local skynet = require "skynet"
            local check = require "check"
            skynet.start(function()
                local v = skynet.newservice("victim")
                local result
                skynet.fork(function()
                    result = { pcall(skynet.call, v, "lua", "hang") }
                end)
                skynet.sleep(2)
                skynet.send(v, "lua", "quit")
                while not result do skynet.sleep(1) end
                check.eq("pending call fails", result[1], false)
                check.ok("with call failed", tostring(result[2]):find("call failed"), result[2])
                print("DONE")
            end)
            """).start("main")) {
            assertPassed(node, "pending call fails", "with call failed");
        }
    }

    @Test
    void handlerErrorsFailOnlyThatCall() throws Exception {
        try (TestNode node = LuaScenario.node(dir).service("victim", VICTIM).service("main", """
            local skynet = require "skynet"
            local check = require "check"
            skynet.start(function()
                local v = skynet.newservice("victim")
                check.raises("handler error fails the call", "call failed", skynet.call, v, "lua", "boom")
                check.eq("service lives on", skynet.call(v, "lua", "ping"), "pong")
                check.raises("forgotten reply fails the call", "call failed", skynet.call, v, "lua", "forget")
                check.raises("unpackable reply fails the call", "call failed", skynet.call, v, "lua", "send_function")
                check.raises("unpackable request", "Unsupport type function to serialize", skynet.call, v, "lua", function() end)
                check.raises("unpackable send", "Unsupport type thread to serialize", skynet.send, v, "lua", coroutine.running())
                check.raises("unregistered global name", "call to invalid address", skynet.call, "nobodyhere", "lua", "ping")
                check.raises("unknown local name", "call to invalid address", skynet.call, ".nobody", "lua", "ping")
                check.raises("unknown protocol", "unknown protocol", skynet.send, v, "nosuchproto", 1)
                skynet.register_protocol { name = "custom", id = 77, pack = skynet.pack, unpack = skynet.unpack }
                check.raises("protocol without dispatch at the callee", "call failed", skynet.call, v, "custom", "x")
                check.eq("still alive", skynet.call(v, "lua", "ping"), "pong")
                print("DONE")
            end)
            """).start("main")) {
            assertPassed(node, "handler error fails the call", "service lives on", "forgotten reply fails the call",
                "unpackable reply fails the call", "unpackable request", "unpackable send", "unregistered global name",
                "unknown local name", "unknown protocol", "protocol without dispatch at the callee", "still alive");
            String out = node.output();
            assertTrue(out.contains("boom in handler"), out);
            assertTrue(out.contains("Maybe forgot response session"), out);
            assertTrue(out.contains("Unknown request (77)"), out);
        }
    }

    @Test
    void brokenServiceFilesFailTheirNewserviceOnly() throws Exception {
        try (TestNode node = LuaScenario.node(dir).service("syntaxbroken", """
            local skynet = require "skynet"
            skynet.start(function()
                print("never"
            end)
            """).service("startfails", """
            local skynet = require "skynet"
            skynet.start(function()
                error("start went wrong")
            end)
            """).service("mainfails", """
            local x = nil
            x.field = 1
            """).service("exitsduringstart", """
            local skynet = require "skynet"
            skynet.start(function()
                skynet.exit()
            end)
            """).service("main", """
            local skynet = require "skynet"
            local check = require "check"
            skynet.start(function()
                check.raises("missing file names the paths tried", "nosuchfile.lua", skynet.newservice, "nosuchfile")
                check.raises("syntax error names file and line", "syntaxbroken.lua:4", skynet.newservice, "syntaxbroken")
                check.raises("start error is reported", "start went wrong", skynet.newservice, "startfails")
                check.raises("main chunk error names file and line", "mainfails.lua:2", skynet.newservice, "mainfails")
                check.eq("exit during start gives nil", skynet.newservice("exitsduringstart"), nil)
                check.eq("node still works", type(skynet.newservice("exitsduringstart") == nil and skynet.self()), "number")
                print("DONE")
            end)
            """).start("main")) {
            assertPassed(node, "missing file names the paths tried", "syntax error names file and line",
                "start error is reported", "main chunk error names file and line", "exit during start gives nil", "node still works");
        }
    }

    @Test
    void nodeStopsWithAnErrorWhenTheStartServiceFails() throws Exception {
        TestNode node = LuaScenario.node(dir).service("main", """
            local skynet = require "skynet"
            skynet.start(function() error("cannot start") end)
            """).start("main");
        try (node) {
            assertEquals(1, node.awaitExit());
            assertTrue(node.output().contains("cannot start"), node.output());
        }
    }

    @Test
    void abortEndsTheNode() throws Exception {
        TestNode node = LuaScenario.node(dir).service("main", """
            local skynet = require "skynet"
            require "skynet.manager"
            skynet.start(function()
                print("bye")
                skynet.abort()
            end)
            """).start("main");
        try (node) {
            assertEquals(0, node.awaitExit());
            assertTrue(node.lines().contains("bye"));
            assertTrue(node.node().node().services().isEmpty(), "abort retires every service");
        }
    }

    @Test
    void aServiceKilledInsideAnXpcallHandlerRunsNoFurther() throws Exception {
        // The handler blocks in a skynet call; the kill must unwind through xpcall, not be taken
        // as "error in error handling" with the service then running on outside its baton.
        try (TestNode node = LuaScenario.node(dir).service("victim", """
            local skynet = require "skynet"
            local watcher = tonumber(...)
            skynet.start(function()
                skynet.fork(function()
                    local ok, err = xpcall(function() error("first") end, function(m)
                        print("HANDLER-BLOCKED")
                        skynet.send(watcher, "lua", "blocked")
                        skynet.sleep(100000)
                        print("AFTER-SLEEP")
                        return m
                    end)
                    print("VICTIM-CONTINUED " .. tostring(err))
                end)
            end)
            """).service("pong", """
            local skynet = require "skynet"
            skynet.start(function() skynet.dispatch("lua", function() skynet.ret() end) end)
            """).service("main", """
            local skynet = require "skynet"
            require "skynet.manager"
            local blocked = false
            skynet.start(function()
                skynet.dispatch("lua", function(_, _, what) blocked = what == "blocked" end)
                local p = skynet.newservice("pong")
                local v = skynet.newservice("victim", skynet.self())
                while not blocked do skynet.sleep(1) end
                skynet.kill(v)
                -- many scheduling turns on both carriers: a victim still running would print by now
                for i = 1, 500 do skynet.call(p, "lua") end
                print("DONE")
            end)
            """).start("main")) {
            node.await("HANDLER-BLOCKED");
            node.await("DONE");
            assertTrue(node.lines().stream().noneMatch(l -> l.contains("VICTIM-CONTINUED") || l.contains("AFTER-SLEEP")),
                String.join("\n", node.lines()));
        }
    }
}
