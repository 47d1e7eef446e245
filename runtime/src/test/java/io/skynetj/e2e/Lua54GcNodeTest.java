package io.skynetj.e2e;

import static io.skynetj.e2e.LuaScenario.assertPassed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lua 5.4's finalizers ({@code __gc}) in services of a real node: at a service's exit and when it is
 * killed every marked object's {@code __gc} runs, newest first, and the messages they send arrive;
 * collectgarbage() runs the finalizers of what it found unreachable before it returns; an idle service
 * runs its own finalizers, in its own state, after a collection elsewhere; errors in {@code __gc} and
 * blocking calls inside one are logged and the service goes on. (The rules themselves:
 * lua54-gc-cases.txt, checked against lua5.4.)
 */
class Lua54GcNodeTest {
    @TempDir
    Path dir;

    /** Records what it is sent; "get" answers with the records joined by spaces. */
    private static final String RECEIVER = """
        local skynet = require "skynet"
        local got = {}
        skynet.start(function()
            skynet.dispatch("lua", function(session, source, cmd, ...)
                if cmd == "get" then
                    skynet.ret(skynet.pack(table.concat(got, " ")))
                else
                    got[#got + 1] = table.concat({cmd, ...}, ":") .. "@" .. (source == skynet.self() and "self" or skynet.address(source))
                end
            end)
        end)
        """;

    /** Keeps three marked tables whose __gc sends "gc:i" to the receiver, and one whose __gc fails; exits or waits as asked. */
    private static final String HOLDER = """
        local skynet = require "skynet"
        local receiver = tonumber((...))
        local kept = {}
        skynet.start(function()
            for i = 1, 3 do
                kept[i] = setmetatable({}, {__gc = function() skynet.send(receiver, "lua", "gc", i) end})
            end
            kept.bad = setmetatable({}, {__gc = function() error("finalizer fails at exit") end})
            skynet.dispatch("lua", function(_, _, cmd)
                if cmd == "exit" then skynet.exit() end
                skynet.ret(skynet.pack(skynet.self()))
            end)
        end)
        """;

    /** main: polls the receiver until its records match {@code pattern}, then prints them. */
    private static String awaitRecords(String pattern) {
        return """
            local function await_records(receiver)
                for _ = 1, 400 do
                    local got = skynet.call(receiver, "lua", "get")
                    if got:match(%s) then return got end
                    skynet.sleep(5)
                end
                return skynet.call(receiver, "lua", "get")
            end
            """.formatted(LuaScenario.luaString(pattern));
    }

    @Test
    void exitAndKillRunEveryMarkedObjectsFinalizerNewestFirst() throws Exception {
        try (TestNode node = LuaScenario.node(dir)
            .service("receiver", RECEIVER)
            .service("holder", HOLDER)
            .service("main", """
                local skynet = require "skynet"
                require "skynet.manager" -- skynet.kill
                local check = require "check"
                """ + awaitRecords("gc:1") + """
                skynet.start(function()
                    local r1 = skynet.newservice("receiver")
                    local h1 = skynet.newservice("holder", r1)
                    skynet.send(h1, "lua", "exit")
                    local a1 = skynet.address(h1)
                    check.eq("exit: newest first, sent from the exited service", await_records(r1),
                        "gc:3@" .. a1 .. " gc:2@" .. a1 .. " gc:1@" .. a1)

                    local r2 = skynet.newservice("receiver")
                    local h2 = skynet.newservice("holder", r2)
                    skynet.kill(h2) -- idle: its finalizers run on a thread of their own, not this one
                    local a2 = skynet.address(h2)
                    check.eq("kill: the same", await_records(r2), "gc:3@" .. a2 .. " gc:2@" .. a2 .. " gc:1@" .. a2)
                    print("DONE")
                end)
                """).start("main")) {
            assertPassed(node, "exit: newest first, sent from the exited service", "kill: the same");
            // the failing finalizer of each holder: a warning in the log, the others still ran
            assertEquals(2, node.lines().stream().filter(l -> l.contains("error in __gc (") && l.contains("finalizer fails at exit")).count(),
                node.output());
        }
    }

    @Test
    void collectgarbageRunsTheFinalizersOfWhatItFoundUnreachable() throws Exception {
        try (TestNode node = LuaScenario.node(dir).service("main", """
            local skynet = require "skynet"
            local check = require "check"
            skynet.start(function()
                local log = {}
                setmetatable({}, {__gc = function(o) log[#log + 1] = type(o) end})
                collectgarbage()
                check.eq("in the same call", table.concat(log), "table")

                local kept = setmetatable({}, {__gc = function() log[#log + 1] = "kept" end})
                collectgarbage()
                check.eq("a reachable one waits", #log, 1)
                kept = nil
                collectgarbage()
                check.eq("until it is not", log[2], "kept")

                -- db.lua's finalizer block: allocation alone gets the finalizer run (at a safe point)
                local name, namewhat
                setmetatable({}, {__gc = function()
                    local t = debug.getinfo(1)
                    name, namewhat = t.name, t.namewhat
                end})
                repeat local a = {} until name
                check.eq("getinfo names the finalizer", name .. " " .. namewhat, "__gc metamethod")
                print("DONE")
            end)
            """).start("main")) {
            assertPassed(node, "in the same call", "a reachable one waits", "until it is not", "getinfo names the finalizer");
        }
    }

    @Test
    void errorsAndBlockingInFinalizersAreLoggedAndTheServiceGoesOn() throws Exception {
        try (TestNode node = LuaScenario.node(dir)
            .service("echo", """
                local skynet = require "skynet"
                skynet.start(function()
                    skynet.dispatch("lua", function(_, _, x) skynet.ret(skynet.pack(x)) end)
                end)
                """)
            .service("main", """
                local skynet = require "skynet"
                local check = require "check"
                skynet.start(function()
                    local echo = skynet.newservice("echo")
                    local yieldable, called = "unset", false
                    setmetatable({}, {__gc = function() error("gc failed on purpose") end})
                    setmetatable({}, {__gc = function()
                        yieldable = coroutine.isyieldable()
                        skynet.call(echo, "lua", 1) -- blocks: refused, as a yield in Lua 5.4's __gc
                        called = true
                    end})
                    collectgarbage()
                    check.eq("not yieldable in __gc", yieldable, false)
                    check.eq("the blocking call did not happen", called, false)
                    check.eq("the service goes on", skynet.call(echo, "lua", 42), 42)
                    print("DONE")
                end)
                """).start("main")) {
            assertPassed(node, "not yieldable in __gc", "the blocking call did not happen", "the service goes on");
            assertTrue(node.lines().stream().anyMatch(l -> l.contains("error in __gc (") && l.contains("gc failed on purpose")), node.output());
            assertTrue(node.lines().stream().anyMatch(l -> l.contains("error in __gc (attempt to yield across a C-call boundary)")), node.output());
        }
    }

    @Test
    void anIdleServiceRunsItsOwnFinalizersAfterACollectionElsewhere() throws Exception {
        try (TestNode node = LuaScenario.node(dir)
            .service("receiver", RECEIVER)
            .service("idle", """
                local skynet = require "skynet"
                local receiver = tonumber((...))
                WHO = "idle" -- a global of this service's state only
                skynet.start(function()
                    setmetatable({}, {__gc = function() skynet.send(receiver, "lua", "gc", WHO) end})
                    skynet.dispatch("lua", function() skynet.ret(skynet.pack(true)) end)
                end)
                """)
            .service("main", """
                local skynet = require "skynet"
                local check = require "check"
                WHO = "main"
                """ + awaitRecords("gc") + """
                skynet.start(function()
                    local r = skynet.newservice("receiver")
                    local idle = skynet.newservice("idle", r)
                    -- the idle service gets no message: a collection here finds its garbage, it is woken to finalize it
                    local got
                    for _ = 1, 20 do
                        collectgarbage()
                        got = skynet.call(r, "lua", "get")
                        if got ~= "" then break end
                        skynet.sleep(10)
                    end
                    check.eq("run by the idle service, in its own state", await_records(r), "gc:idle@" .. skynet.address(idle))
                    print("DONE")
                end)
                """).start("main")) {
            assertPassed(node, "run by the idle service, in its own state");
        }
    }
}
