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
}
