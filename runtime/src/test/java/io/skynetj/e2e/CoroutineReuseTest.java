package io.skynetj.e2e;

import static io.skynetj.e2e.LuaScenario.assertPassed;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A service reuses the coroutine object of a finished request for its next one (as skynet pools its
 * coroutines) only when no request can tell: nothing of a request that failed, was killed, set a hook
 * or handed its coroutine to Lua code may show in the requests after it.
 */
class CoroutineReuseTest {
    @TempDir
    Path dir;

    @Test
    void theNextRequestSeesNothingOfTheOneBefore() throws Exception {
        try (TestNode node = LuaScenario.node(dir).service("peer", """
            local skynet = require "skynet"
            local stored, waiter
            local function trace(n)
                if n == 0 then return debug.traceback("tb") end
                local t = trace(n - 1)
                return t
            end
            local function fail(n)
                if n == 0 then error("deep failure") end
                local r = fail(n - 1)
                return r
            end
            skynet.start(function()
                skynet.dispatch("lua", function(session, source, cmd)
                    if cmd == "traceback" then
                        skynet.retpack(trace(3))
                    elseif cmd == "fail" then
                        fail(5)
                    elseif cmd == "handler fails" then
                        skynet.retpack(xpcall(function() error("inner") end, function() error("in the handler") end))
                    elseif cmd == "plain error" then
                        error("plain")
                    elseif cmd == "sethook" then
                        debug.sethook(function() end, "c", 3)
                        skynet.retpack(debug.gethook() ~= nil)
                    elseif cmd == "gethook" then
                        skynet.retpack(select("#", debug.gethook()) .. "," .. tostring(debug.gethook()))
                    elseif cmd == "store" then
                        stored = coroutine.running()
                        skynet.retpack(true)
                    elseif cmd == "sleep" then
                        waiter = coroutine.running()
                        local r = skynet.sleep(1000)
                        skynet.retpack(rawequal(waiter, stored), tostring(r))
                    elseif cmd == "wake stored" then
                        skynet.retpack(skynet.wakeup(stored) or false)
                    elseif cmd == "wake waiter" then
                        skynet.retpack(skynet.wakeup(waiter) or false)
                    elseif cmd == "park" then
                        skynet.sleep(1000)
                        skynet.retpack("not killed")
                    elseif cmd == "kill parked" then
                        local t = {}
                        skynet.task(t)
                        local name
                        for k in pairs(t) do name = name or k:match("^(thread: %S+)") end
                        skynet.retpack(type(skynet.killthread(name)) == "thread")
                    end
                end)
            end)
            """).service("main", """
            local skynet = require "skynet"
            local check = require "check"
            skynet.start(function()
                local p = skynet.newservice("peer")
                local forks = 0
                local first = skynet.call(p, "lua", "traceback")
                check.ok("the traceback names the handler's frames", first:find("in upvalue 'trace'", 1, true))
                check.eq("a deep error fails the call", pcall(skynet.call, p, "lua", "fail"), false)
                check.eq("after a deep error: the same traceback", skynet.call(p, "lua", "traceback"), first)
                check.eq("an error in an xpcall handler", (skynet.call(p, "lua", "handler fails")), false)
                check.eq("after it: an uncaught error fails the call", pcall(skynet.call, p, "lua", "plain error"), false)
                check.eq("a hook set in a request", skynet.call(p, "lua", "sethook"), true)
                check.eq("is not in the next request", skynet.call(p, "lua", "gethook"), "1,nil")
                check.eq("coroutine.running kept by Lua", skynet.call(p, "lua", "store"), true)
                skynet.fork(function()
                    local same, slept = skynet.call(p, "lua", "sleep")
                    check.eq("a later request has another coroutine", same, false)
                    check.eq("woken by its own coroutine", slept, "BREAK")
                    forks = forks + 1
                end)
                skynet.sleep(0) -- the fork's request reaches the peer first
                check.eq("waking the kept coroutine wakes nobody", skynet.call(p, "lua", "wake stored"), false)
                check.eq("waking the sleeping request", skynet.call(p, "lua", "wake waiter"), true)
                skynet.fork(function()
                    check.eq("a killed request fails its call", pcall(skynet.call, p, "lua", "park"), false)
                    forks = forks + 1
                end)
                skynet.sleep(0)
                check.eq("a parked request is killed", skynet.call(p, "lua", "kill parked"), true)
                check.eq("after a kill: the same traceback", skynet.call(p, "lua", "traceback"), first)
                while forks < 2 do skynet.sleep(1) end
                print("DONE")
            end)
            """).start("main")) {
            assertPassed(node, "the traceback names the handler's frames", "a deep error fails the call",
                "after a deep error: the same traceback", "an error in an xpcall handler",
                "after it: an uncaught error fails the call", "a hook set in a request", "is not in the next request",
                "coroutine.running kept by Lua", "a later request has another coroutine", "woken by its own coroutine",
                "waking the kept coroutine wakes nobody", "waking the sleeping request", "a killed request fails its call",
                "a parked request is killed", "after a kill: the same traceback");
            String plain = node.awaitLine(l -> l.contains("error : ") && l.contains("plain"), "the plain error's log line");
            assertFalse(plain.contains("in the handler"), plain);
            // skynet's lua-skynet.c: "lua call [%x to %s : %d msgsz = %d] error : ", %s being REG's ":%x"
            assertTrue(plain.matches(".*lua call \\[[0-9a-f]+ to :[0-9a-f]+ : [0-9]+ msgsz = [0-9]+\\] error : .*plain.*"), plain);
        }
    }
}
