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
                check.eq("own string extension as a method", ("a"):shout(), "A!")
                check.eq("own string metatable", getmetatable("").__index, string)
                check.eq("debug.getmetatable agrees", debug.getmetatable("x"), getmetatable("y"))
                getmetatable("").__index.upper = function() return "changed here" end
                check.eq("own string methods can be changed", ("abc"):upper(), "changed here")
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
                check.raises("other service's string method invisible", "attempt to call a nil value (method 'shout')", function() return ("a"):shout() end)
                check.eq("own string metatable here too", getmetatable("").__index, string)
                print("DONE")
            end)
            """).start("main")) {
            assertPassed(node, "own string extension visible in own string table", "own string extension as a method",
                "own string metatable", "debug.getmetatable agrees", "own string methods can be changed",
                "debug.setmetatable is gone", "module state is per service",
                "own module instance", "table sent is copied", "globals are per service", "string methods intact",
                "other service's string extension invisible", "other service's string method invisible",
                "own string metatable here too");
        }
    }

    /**
     * The library tables are each service's own even though their Java functions are shared: changing
     * one service's table.insert or math.floor changes nothing elsewhere, and every service has its own
     * random generator (another service's draws do not advance it).
     */
    @Test
    void sharedLibraryFunctionsKeepPerServiceTablesAndRandomState() throws Exception {
        try (TestNode node = LuaScenario.node(dir).service("changer", """
            local skynet = require "skynet"
            skynet.start(function()
                table.insert = function() return "changed" end
                math.floor = nil
                require("bit32").band = nil
                skynet.dispatch("lua", function(_, _, n)
                    math.randomseed(7)
                    for i = 1, n do math.random(1000000) end
                    skynet.retpack(table.insert(), math.floor)
                end)
            end)
            """).service("main", """
            local skynet = require "skynet"
            local check = require "check"
            skynet.start(function()
                math.randomseed(7)
                local expected = { math.random(1000000), math.random(1000000) }
                math.randomseed(7)
                local first = math.random(1000000)
                local c = skynet.newservice("changer")
                local inserted, floor = skynet.call(c, "lua", 5)
                check.eq("the other service changed its own table", inserted, "changed")
                check.eq("and removed its own math.floor", floor, nil)
                check.eq("own math.floor intact", math.floor(2.5), 2)
                check.eq("own bit32.band intact", require("bit32").band(6, 3), 2)
                local t = {}
                table.insert(t, "x")
                check.eq("own table.insert intact", t[1], "x")
                check.eq("own random sequence not advanced by another service's draws", math.random(1000000), expected[2])
                check.eq("first draw as seeded", first, expected[1])
                print("DONE")
            end)
            """).start("main")) {
            assertPassed(node, "the other service changed its own table", "and removed its own math.floor", "own math.floor intact",
                "own bit32.band intact", "own table.insert intact", "own random sequence not advanced by another service's draws",
                "first draw as seeded");
        }
    }
}
