package io.skynetj.e2e;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lua 5.4's to-be-closed variables in services of a real node: a request handler's {@code <close>}
 * variables close when it returns (its reply intact), when it fails (the caller's pcall'd skynet.call
 * fails, the __close got the error) and while a skynet.call inside the scope or inside __close waits.
 * (The closing rules themselves are lua54-close-cases.txt, checked against lua5.4.)
 */
class Lua54CloseNodeTest {
    @TempDir
    Path dir;

    @Test
    void requestHandlersCloseTheirVariables() throws Exception {
        try (TestNode node = LuaScenario.node(dir)
            .service("helper", """
                local skynet = require "skynet"
                skynet.start(function()
                    skynet.dispatch("lua", function(_, _, x) skynet.ret(skynet.pack(x * 2)) end)
                end)
                """)
            .service("res", """
                local skynet = require "skynet"
                local log = {}
                local helper
                local function resource(name)
                    return setmetatable({}, {__close = function(_, err)
                        -- a blocking call inside __close: the handler's thread waits and goes on closing
                        local doubled = skynet.call(helper, "lua", 21)
                        log[#log + 1] = name .. ":" .. doubled .. ":" .. tostring(err)
                    end})
                end
                local handlers = {}
                function handlers.ok(n)
                    local a <close> = resource("a")
                    local b <close> = resource("b")
                    local twice = skynet.call(helper, "lua", n) -- waits with both open
                    return twice, "values", "kept"
                end
                function handlers.fail()
                    local c <close> = resource("c")
                    error({reason = "failed on purpose"})
                end
                function handlers.log()
                    return table.concat(log, " ")
                end
                skynet.start(function()
                    helper = skynet.newservice("helper")
                    skynet.dispatch("lua", function(_, _, cmd, ...)
                        skynet.ret(skynet.pack(handlers[cmd](...)))
                    end)
                end)
                """)
            .service("main", """
                local skynet = require "skynet"
                local check = require "check"
                skynet.start(function()
                    local res = skynet.newservice("res")
                    local ok, twice, v1, v2 = pcall(skynet.call, res, "lua", "ok", 5)
                    check.eq("the handler's reply", table.concat({tostring(ok), twice, v1, v2}, ","), "true,10,values,kept")
                    check.eq("closed newest first after the reply was computed", skynet.call(res, "lua", "log"), "b:42:nil a:42:nil")
                    local failed = pcall(skynet.call, res, "lua", "fail")
                    check.eq("a failing handler fails the pcall'd call", failed, false)
                    local log = skynet.call(res, "lua", "log")
                    check.eq("its __close got the error value", log:match("c:42:table: ") ~= nil, true)
                    check.eq("the service goes on serving", (skynet.call(res, "lua", "ok", 1)), 2)
                    print("DONE")
                end)
                """)
            .start("main")) {
            LuaScenario.assertPassed(node, "the handler's reply", "closed newest first after the reply was computed",
                "a failing handler fails the pcall'd call", "its __close got the error value", "the service goes on serving");
        }
    }

    /**
     * skynet.exit closes the service's suspended coroutines (in a call, a sleep, a wait, a request
     * waiting), then the caller's own, as skynet's does with coroutine.close: each __close runs with
     * nil, may still send, and may not block; a fork not started runs nothing; a request suspended at
     * exit fails at its caller. A coroutine blocked inside a Lua coroutine (skynetj lets it block) has
     * the inner coroutine's variables closed first, then the outer's.
     */
    @Test
    void exitClosesTheSuspendedCoroutinesThenItsOwn() throws Exception {
        try (TestNode node = LuaScenario.node(dir)
            .service("observer", """
                local skynet = require "skynet"
                require "skynet.manager"
                local closed = {}
                skynet.start(function()
                    skynet.dispatch("lua", function(_, _, cmd, name, err)
                        if cmd == "closed" then
                            closed[#closed + 1] = name .. "=" .. err
                        elseif cmd == "hold" then
                            skynet.response() -- never answered: the caller stays suspended
                        else
                            table.sort(closed)
                            skynet.ret(skynet.pack(table.concat(closed, ", ")))
                        end
                    end)
                    skynet.register(".observer")
                end)
                """)
            .service("closer", """
                local skynet = require "skynet"
                local function tbc(name)
                    return setmetatable({}, {__close = function(_, err)
                        skynet.send(".observer", "lua", "closed", name, tostring(err))
                    end})
                end
                skynet.start(function()
                    skynet.dispatch("lua", function(_, _, cmd)
                        if cmd == "wait" then
                            local c <close> = tbc("request waiting")
                            skynet.wait()
                        else
                            skynet.ret(skynet.pack("exiting"))
                            skynet.fork(function() local x <close> = tbc("fork never started") end)
                            local me = coroutine.running()
                            local c <close> = setmetatable({}, {__close = function(_, err)
                                local mine = coroutine.running() == me and "its own coroutine" or "another coroutine"
                                skynet.send(".observer", "lua", "closed", "exit caller", tostring(err) .. " in " .. mine)
                            end})
                            skynet.exit()
                            skynet.send(".observer", "lua", "closed", "after exit", "ran")
                        end
                    end)
                    skynet.fork(function() local a <close> = tbc("sleeper"); skynet.sleep(1000000) end)
                    skynet.fork(function() local a <close> = tbc("caller"); skynet.call(".observer", "lua", "hold") end)
                    skynet.fork(function()
                        local a <close> = tbc("pcall caller")
                        local ok = pcall(skynet.call, ".observer", "lua", "hold") -- no pcall stops the closing
                        skynet.send(".observer", "lua", "closed", "after pcall", tostring(ok))
                    end)
                    skynet.fork(function()
                        local a <close> = tbc("outer")
                        coroutine.wrap(function() local b <close> = tbc("inner"); skynet.wait() end)()
                    end)
                    skynet.fork(function()
                        local a <close> = setmetatable({}, {__close = function()
                            local ok, err = pcall(skynet.sleep, 1)
                            skynet.send(".observer", "lua", "closed", "blocking in __close", tostring(ok) .. " " .. err)
                        end})
                        skynet.wait()
                    end)
                end)
                """)
            .service("main", """
                local skynet = require "skynet"
                local check = require "check"
                skynet.start(function()
                    local observer = skynet.newservice("observer")
                    local closer = skynet.newservice("closer")
                    local waiting
                    skynet.fork(function() waiting = {pcall(skynet.call, closer, "lua", "wait")} end)
                    skynet.yield() -- the request is suspended in the closer before it exits
                    check.eq("the exit request is answered", skynet.call(closer, "lua", "exit"), "exiting")
                    local list
                    for _ = 1, 1000 do -- until the closer's last close reached the observer (10 s at most)
                        list = skynet.call(observer, "lua", "list")
                        if list:find("exit caller", 1, true) then break end
                        skynet.sleep(1)
                    end
                    check.eq("every suspended coroutine closed, then the caller's", list, table.concat({
                        "blocking in __close=false attempt to yield across a C-call boundary",
                        "caller=nil", "exit caller=nil in its own coroutine", "inner=nil", "outer=nil", "pcall caller=nil", "request waiting=nil", "sleeper=nil"}, ", "))
                    for _ = 1, 1000 do
                        if waiting then break end
                        skynet.sleep(1)
                    end
                    check.eq("a request suspended at exit fails at its caller", waiting and waiting[1], false)
                    print("DONE")
                end)
                """)
            .start("main")) {
            LuaScenario.assertPassed(node, "the exit request is answered", "every suspended coroutine closed, then the caller's",
                "a request suspended at exit fails at its caller");
        }
    }

    /** skynet.killthread closes the coroutine it kills: its __close runs before killthread returns. */
    @Test
    void killthreadClosesTheCoroutine() throws Exception {
        try (TestNode node = LuaScenario.node(dir)
            .service("main", """
                local skynet = require "skynet"
                local check = require "check"
                skynet.start(function()
                    local log = {}
                    local co = skynet.fork(function()
                        local a <close> = setmetatable({}, {__close = function(_, err) log[#log + 1] = "a:" .. tostring(err) end})
                        local b <close> = setmetatable({}, {__close = function(_, err) log[#log + 1] = "b:" .. tostring(err) end})
                        skynet.sleep(1000000)
                        log[#log + 1] = "woke"
                    end)
                    skynet.yield() -- the fork runs until its sleep
                    local me = coroutine.running()
                    check.eq("killthread returns the coroutine it closed", skynet.killthread(co), co)
                    check.eq("the killer runs on in its own coroutine", coroutine.running(), me)
                    check.eq("its variables closed, newest first, before killthread returned", table.concat(log, " "), "b:nil a:nil")
                    skynet.sleep(2)
                    check.eq("it never runs on", table.concat(log, " "), "b:nil a:nil")
                    print("DONE")
                end)
                """)
            .start("main")) {
            LuaScenario.assertPassed(node, "killthread returns the coroutine it closed", "the killer runs on in its own coroutine",
                "its variables closed, newest first, before killthread returned", "it never runs on");
        }
    }
}
