package io.skynetj.e2e;

import static io.skynetj.e2e.LuaScenario.assertPassed;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One service never sees another's globals, tables, modules or string methods. */
class IsolationTest {
    @TempDir
    Path dir;

    @Test
    void servicesShareNothing() throws Exception {
        try (TestNode node = LuaScenario.node(dir).service("counter", """
            local n = 0
            return { bump = function() n = n + 1 return n end }
            """).service("meddler", """
            local skynet = require "skynet"
            local check = require "check"
            local counter = require "counter"
            skynet.start(function()
                LEAKED = "meddler's global"
                string.shout = function(s) return s:upper() .. "!" end
                check.eq("own string extension visible in own string table", string.shout("a"), "A!")
                check.raises("shared string metatable is frozen", "read-only", function()
                    getmetatable("").__index.upper = function() return "hacked" end
                end)
                check.raises("string metatable cannot be replaced", "read-only", function()
                    getmetatable("").__index = {}
                end)
                check.eq("debug.setmetatable is gone", debug.setmetatable, nil)
                counter.bump() counter.bump()
                skynet.dispatch("lua", function(session, source, t)
                    t.changed = true
                    skynet.retpack(counter.bump())
                end)
            end)
            """).service("main", """
            local skynet = require "skynet"
            local check = require "check"
            skynet.start(function()
                local m = skynet.newservice("meddler")
                local t = { changed = false }
                check.eq("module state is per service", skynet.call(m, "lua", t), 3)
                check.eq("own module instance", require("counter").bump(), 1)
                check.eq("table sent is copied", t.changed, false)
                check.eq("globals are per service", LEAKED, nil)
                check.eq("string methods intact", ("abc"):upper(), "ABC")
                check.eq("other service's string extension invisible", string.shout, nil)
                print("DONE")
            end)
            """).start("main")) {
            assertPassed(node, "own string extension visible in own string table", "shared string metatable is frozen",
                "string metatable cannot be replaced", "debug.setmetatable is gone", "module state is per service",
                "own module instance", "table sent is copied", "globals are per service", "string methods intact",
                "other service's string extension invisible");
        }
    }
}
