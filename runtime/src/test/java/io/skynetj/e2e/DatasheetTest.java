package io.skynetj.e2e;

import static io.skynetj.e2e.LuaScenario.assertPassed;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * skynet.datasheet: a builder publishes named tables, readers in other services query them, and
 * updates reach tables the readers already hold (as skynet's test/testdatasheet.lua).
 */
class DatasheetTest {
    @TempDir
    Path dir;

    /** Renders a table with sorted keys, so that a check does not depend on the order of pairs. */
    private static final String SHOW = """
        local show = {}
        function show.table(t)
            if type(t) ~= "table" then return tostring(t) end
            local keys = {}
            for k in pairs(t) do keys[#keys + 1] = k end
            table.sort(keys, function(a, b) return tostring(a) < tostring(b) end)
            local parts = {}
            for _, k in ipairs(keys) do parts[#parts + 1] = tostring(k) .. "=" .. show.table(t[k]) end
            return "{" .. table.concat(parts, ",") .. "}"
        end
        -- polls f() with a deadline (updates reach readers asynchronously)
        function show.until_(f)
            local skynet = require "skynet"
            for _ = 1, 1000 do
                if f() then return true end
                skynet.sleep(1)
            end
            return false
        end
        return show
        """;

    private static final String READER = """
        local skynet = require "skynet"
        local datasheet = require "skynet.datasheet"
        local show = require "show"
        local t, c
        skynet.start(function()
            skynet.dispatch("lua", function(_, _, cmd, want)
                if cmd == "open" then
                    t = datasheet.query("conf")
                    c = t.c
                    skynet.ret(skynet.pack(show.table(t)))
                else
                    -- waits until the table shows version `want`, then shows it and the kept sub-table
                    show.until_(function() return t.a == want end)
                    skynet.ret(skynet.pack(show.table(t), show.table(c)))
                end
            end)
        end)
        """;

    @Test
    void readersSeeTheSheetAndFollowUpdates() throws Exception {
        try (TestNode node = LuaScenario.node(dir).service("show", SHOW).service("reader", READER).service("main", """
            local skynet = require "skynet"
            local builder = require "skynet.datasheet.builder"
            local datasheet = require "skynet.datasheet"
            local show = require "show"
            local check = require "check"
            skynet.start(function()
                builder.new("conf", { a = 1, list = { 10, 20, 30 }, c = { x = "y", deep = { 1.5 } },
                    f = 0.1, big = 2147483648, neg = -2147483648, yes = true, no = false })
                local readers = { skynet.newservice("reader"), skynet.newservice("reader") }
                local first = "{a=1,big=2147483648.0,c={deep={1=1.5},x=y},f=0.10000000149012,list={1=10,2=20,3=30},neg=-2147483648,no=false,yes=true}"
                for i, r in ipairs(readers) do
                    check.eq("reader " .. i .. " sees the sheet", skynet.call(r, "lua", "open"), first)
                end

                local t = datasheet.query("conf")
                check.eq("query again: same table", datasheet.query("conf"), t)
                check.eq("integer", math.type(t.a), "integer")
                check.eq("past int32: a 32-bit float", math.type(t.big), "float")
                check.eq("floats are 32-bit", string.format("%.17g", t.f), "0.10000000149011612")
                check.eq("#", #t.list, 3)
                local seen = {}
                for i, v in ipairs(t.list) do seen[i] = v end
                check.eq("ipairs", table.concat(seen, ","), "10,20,30")
                check.eq("same sub-table each time", t.c == t.c and t.c.deep == t.c.deep, true)
                check.eq("missing key", t.nothere, nil)
                local c, deep = t.c, t.c.deep

                builder.update("conf", { a = 2, list = { 1 }, c = { x = "z", deep = { 2.5 } } })
                check.ok("update reaches this service", show.until_(function() return t.a == 2 end), show.table(t))
                check.eq("updated", show.table(t), "{a=2,c={deep={1=2.5},x=z},list={1=1}}")
                check.eq("a kept sub-table follows", show.table(c) .. " " .. deep[1], "{deep={1=2.5},x=z} 2.5")
                check.eq("still the same sub-table", t.c, c)
                for i, r in ipairs(readers) do
                    local whole, sub = skynet.call(r, "lua", "wait", 2)
                    check.eq("reader " .. i .. " follows", whole .. " " .. sub, "{a=2,c={deep={1=2.5},x=z},list={1=1}} {deep={1=2.5},x=z}")
                end

                builder.update("conf", { a = 3, c = 7, d = 8 })
                check.ok("second update", show.until_(function() return t.a == 3 end), show.table(t))
                check.eq("second update contents", show.table(t), "{a=3,c=7,d=8}")
                check.raises("a sub-table that is gone", "Invalid proxy", function() return c.x end)

                local info = skynet.call(require("skynet.service").query("datasheet"), "debug", "INFO")
                check.eq("the datasheet service: holders of the newest version", info.conf.holders, 4)

                check.raises("new twice", "datasheet exists", builder.new, "conf", {})
                check.raises("a function", "Unsupport value", builder.new, "bad", { f = print })
                check.raises("a float key", "assertion failed", builder.new, "bad2", { [1.5] = 1 })
                check.raises("no such sheet", "call failed", datasheet.query, "missing")
                check.raises("no such sheet, again", "call failed", datasheet.query, "missing")

                builder.new("compiled", builder.compile({ "one", "two", "one" }))
                local results = {}
                for i = 1, 2 do
                    skynet.fork(function() results[i] = datasheet.query("compiled") end)
                end
                check.ok("concurrent first queries", show.until_(function() return results[1] and results[2] end))
                check.eq("concurrent first queries: one table", results[1], results[2])
                check.eq("compiled", show.table(results[1]), "{1=one,2=two,3=one}")
                print("DONE")
            end)
            """).start("main")) {
            assertPassed(node, "reader 1 sees the sheet", "reader 2 sees the sheet", "query again: same table", "integer",
                "past int32: a 32-bit float", "floats are 32-bit", "#", "ipairs", "same sub-table each time", "missing key",
                "update reaches this service", "updated", "a kept sub-table follows", "still the same sub-table",
                "reader 1 follows", "reader 2 follows", "second update", "second update contents", "a sub-table that is gone",
                "the datasheet service: holders of the newest version", "new twice", "a function", "a float key",
                "no such sheet", "no such sheet, again", "concurrent first queries", "concurrent first queries: one table",
                "compiled");
        }
    }

    /** A reader tells the datasheet service it is gone from the __gc of its sheets table, as skynet's does. */
    @Test
    void aReaderThatExitsReleasesTheVersionsItHeld() throws Exception {
        try (TestNode node = LuaScenario.node(dir).service("reader", """
            local skynet = require "skynet"
            local datasheet = require "skynet.datasheet"
            skynet.start(function()
                skynet.dispatch("lua", function(_, _, cmd)
                    skynet.ret(skynet.pack(datasheet.query("conf").a))
                    if cmd == "read and exit" then skynet.exit() end
                end)
            end)
            """).service("main", """
            local skynet = require "skynet"
            local builder = require "skynet.datasheet.builder"
            local check = require "check"
            skynet.start(function()
                builder.new("conf", { a = 1 })
                local keeper = require("skynet.service").query("datasheet")
                local function holders() return skynet.call(keeper, "debug", "INFO").conf.holders end
                local base = holders()
                local stays, goes = skynet.newservice("reader"), skynet.newservice("reader")
                check.eq("two readers", skynet.call(stays, "lua", "read") + skynet.call(goes, "lua", "read"), 2)
                check.eq("both hold the sheet", holders(), base + 2)
                builder.update("conf", { a = 2 })
                skynet.call(goes, "lua", "read and exit")
                local n
                for _ = 1, 500 do
                    n = holders()
                    if n == base + 1 then break end
                    skynet.sleep(1)
                end
                check.eq("the reader that exited holds nothing", n, base + 1)
                check.eq("the other still reads", skynet.call(stays, "lua", "read"), 2)
                print("DONE")
            end)
            """).start("main")) {
            assertPassed(node, "two readers", "both hold the sheet", "the reader that exited holds nothing", "the other still reads");
        }
    }

    /** Documents byte-identical to skynet's lualib/skynet/datasheet/dump.lua (run under lua5.4) for the same tables. */
    @Test
    void dumpAndDiffMatchSkynetsBytes() throws Exception {
        try (TestNode node = LuaScenario.node(dir).service("main", """
            local skynet = require "skynet"
            local dump = require "skynet.datasheet.dump"
            local check = require "check"
            local function hex(s) return (s:gsub(".", function(c) return string.format("%02x", c:byte()) end)) end
            skynet.start(function()
                local a = dump.dump({ 10, -3, 1.5, true, false, "x", { 7, "x" }, 2147483648, { name = "n" } })
                check.eq("dump", hex(a), "740000000300000000000000380000004c00000009000000000000000101020303050402040000000a000000fdffffff0000c03f000000010000000000000000010000000000004f020000000200000000000000010500000700000000000000000000000100000005000000020000000700000078006e616d65006e00")
                local b = dump.dump({ 11, { 8 }, { name = "m" }, { 1 } })
                check.eq("diff, nothing kept", hex(dump.diff(a, b)), "700000000600000000000000ffffffffffffffff1c0000002c000000400000000400000000000000010404040b000000030000000400000005000000010000000000000001000000080000000000000001000000050000000000000005000000010000000000000001000000010000006e616d65006d00")
                local last = dump.dump({ { 1 }, { k = { 2 } }, { 0.1 } })
                local current = dump.dump({ { 3 }, { k = { "s" } }, 6, { 5 } })
                check.eq("diff keeps tables under the same keys", hex(dump.diff(last, current)), "8000000006000000000000001c0000002c00000040000000ffffffff500000000400000000000000040401040100000002000000060000000500000001000000000000000100000003000000000000000100000004000000000000000300000001000000000000000500000002000000010000000000000001000000050000006b007300")
                check.eq("empty table", hex(dump.dump({})), "1400000001000000000000000000000000000000" .. "00")
                check.raises("diff of garbage", "Invalid datasheet data", dump.diff, "abc", a)
                print("DONE")
            end)
            """).start("main")) {
            assertPassed(node, "dump", "diff, nothing kept", "diff keeps tables under the same keys", "empty table", "diff of garbage");
        }
    }
}
