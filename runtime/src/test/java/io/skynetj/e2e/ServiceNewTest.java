package io.skynetj.e2e;

import static io.skynetj.e2e.LuaScenario.assertPassed;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** require "skynet.service": service.new runs a string.dump'ed function as a unique service. */
class ServiceNewTest {
    @TempDir
    Path dir;

    @Test
    void serviceNewStartsADumpedFunctionOncePerName() throws Exception {
        try (TestNode node = LuaScenario.node(dir).service("other", """
            local skynet = require "skynet"
            local service = require "skynet.service"
            skynet.start(function()
                skynet.dispatch("lua", function(_, _, name)
                    skynet.retpack(service.query(name))
                end)
            end)
            """).service("main", """
            local skynet = require "skynet"
            local service = require "skynet.service"
            local check = require "check"

            local function counter(start, label)
                local skynet = require "skynet"
                local n = start
                skynet.start(function()
                    skynet.sleep(5) -- a slow start: concurrent new calls must wait for it
                    skynet.dispatch("lua", function(_, _, cmd)
                        n = n + 1
                        skynet.retpack(n, label, type(start))
                    end)
                end)
            end

            skynet.start(function()
                local other = skynet.newservice("other")
                local queried
                skynet.fork(function() queried = skynet.call(other, "lua", "counter") end)
                local second
                skynet.fork(function() second = service.new("counter", counter, 100, "second") end)
                local a = service.new("counter", counter, 10, "first")
                check.eq("new returns an address", type(a), "number")
                local n, label, kind = skynet.call(a, "lua", "inc")
                check.eq("arguments keep their types", kind, "number")
                check.eq("the dumped function ran with its arguments", n, 11)
                check.eq("the first caller's arguments win", label, "first")
                skynet.sleep(1)
                check.eq("a concurrent new gets the same service", second, a)
                check.eq("query from another service", queried, a)
                check.eq("new again returns the same service", service.new("counter", counter, 0), a)
                check.eq("state is kept", (skynet.call(a, "lua", "inc")), 12)

                local up = 1
                check.raises("upvalues other than _ENV are refused", "may use only globals, it has upvalue up",
                    service.new, "bad", function() return up end)
                check.raises("a main function that fails makes new fail", "call failed",
                    service.new, "broken", function() error("broken main") end)

                check.eq("close", service.close("counter"), true)
                local b = service.new("counter", counter, 0, "fresh")
                check.ok("after close new starts a fresh service", b ~= a, b)
                check.eq("fresh state", (skynet.call(b, "lua", "inc")), 1)
                print("DONE")
            end)
            """).start("main")) {
            assertPassed(node, "new returns an address", "arguments keep their types", "the dumped function ran with its arguments",
                "the first caller's arguments win", "a concurrent new gets the same service", "query from another service",
                "new again returns the same service", "state is kept", "upvalues other than _ENV are refused",
                "a main function that fails makes new fail", "close", "after close new starts a fresh service", "fresh state");
        }
    }
}
