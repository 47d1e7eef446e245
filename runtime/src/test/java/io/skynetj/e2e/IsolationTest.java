package io.skynetj.e2e;

import static io.skynetj.e2e.LuaScenario.assertPassed;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.skynetj.lua.lib.Libraries;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
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
                debug.setmetatable("", {__index = {meddled = function() return "meddled" end}})
                check.eq("own string metatable set with debug.setmetatable", ("x"):meddled(), "meddled")
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
                check.eq("other service's debug.setmetatable of strings invisible", string.meddled, nil)
                print("DONE")
            end)
            """).start("main")) {
            assertPassed(node, "own string extension visible in own string table", "own string extension as a method",
                "own string metatable", "debug.getmetatable agrees", "own string methods can be changed",
                "own string metatable set with debug.setmetatable", "module state is per service",
                "own module instance", "table sent is copied", "globals are per service", "string methods intact",
                "other service's string extension invisible", "other service's string method invisible",
                "own string metatable here too", "other service's debug.setmetatable of strings invisible");
        }
    }

    /**
     * debug.setmetatable of a number, nil, a function or a boolean gives that whole type a metatable in
     * the calling service only: another service asked while the first one's request is waiting (its
     * metatables set, its frames in use) sees none, and the first sees its own in later requests.
     */
    @Test
    void typeMetatablesSetWithDebugSetmetatableStayInTheirService() throws Exception {
        try (TestNode node = LuaScenario.node(dir).service("typer", """
            local skynet = require "skynet"
            local check = require "check"
            skynet.start(function()
                debug.setmetatable(0, {__index = function(n, k) return k .. n end, __add = function() return "added" end})
                debug.setmetatable(nil, {__index = function() return "nil indexed" end})
                debug.setmetatable(print, {__index = {kind = "function"}})
                debug.setmetatable(true, {__len = function() return 7 end})
                check.eq("own number metatable", (1).x, "x1")
                skynet.dispatch("lua", function(_, source)
                    local answer = skynet.call(source, "lua", "check") -- this request waits with its frames in use
                    check.eq("own number metatable in a later request", (2).y, "y2")
                    check.eq("own arithmetic fallback", 1 + {}, "added")
                    check.eq("own nil metatable", (nil).z, "nil indexed")
                    check.eq("own function metatable", print.kind, "function")
                    check.eq("own boolean metatable", #true, 7)
                    check.eq("own number metatable in a coroutine", coroutine.wrap(function() return (3).w end)(), "w3")
                    skynet.retpack(answer)
                end)
            end)
            """).service("main", """
            local skynet = require "skynet"
            local check = require "check"
            local function nothing(when)
                check.eq("no number metatable " .. when, getmetatable(0), nil)
                check.eq("no nil metatable " .. when, debug.getmetatable(nil), nil)
                check.raises("numbers not indexable " .. when, "attempt to index a number value", function() return (1).x end)
                check.raises("no arithmetic fallback " .. when, "attempt to perform arithmetic on a table value", function() return 1 + {} end)
                check.raises("nil not indexable " .. when, "attempt to index a nil value", function() local n return n.z end)
                check.raises("functions not indexable " .. when, "attempt to index a function value", function() return print.kind end)
                check.raises("booleans have no length " .. when, "attempt to get length of a boolean value", function() return #true end)
            end
            skynet.start(function()
                local typer = skynet.newservice("typer")
                skynet.dispatch("lua", function()
                    nothing("while the other service's request waits")
                    skynet.retpack("checked")
                end)
                check.eq("request answered", skynet.call(typer, "lua"), "checked")
                nothing("after")
                print("DONE")
            end)
            """).start("main")) {
            List<String> names = new ArrayList<>(List.of("own number metatable", "own number metatable in a later request",
                "own arithmetic fallback", "own nil metatable", "own function metatable", "own boolean metatable",
                "own number metatable in a coroutine", "request answered"));
            for (String when : List.of("while the other service's request waits", "after")) {
                for (String what : List.of("no number metatable", "no nil metatable", "numbers not indexable", "no arithmetic fallback",
                    "nil not indexable", "functions not indexable", "booleans have no length")) {
                    names.add(what + " " + when);
                }
            }
            assertPassed(node, names.toArray(String[]::new));
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

    private static final String LIBRARIES = "string table math utf8 io os debug"; // bit32: required, not a global (5.4)

    /** What {@code pairs} lists in each library of a state built all at once (the lists services must show too). */
    private static List<String> eagerLibraryKeys() {
        Globals g = Libraries.standardGlobals();
        List<String> lines = new ArrayList<>();
        for (String name : LIBRARIES.split(" ")) {
            LuaTable lib = g.get(name).checktable();
            List<String> keys = new ArrayList<>();
            for (LuaValue k = LuaValue.NIL; ; ) {
                Varargs n = lib.next(k);
                if ((k = n.arg1()).isnil()) break;
                keys.add(k.tojstring());
            }
            keys.sort(null);
            lines.add("KEYS " + name + " " + String.join(" ", keys));
        }
        return lines;
    }

    /**
     * Library tables are filled on first use (reads of the shared functions go through until then):
     * whatever fills them (pairs, a write, a removal), a service sees the whole library, its writes stay
     * its own, and io, os and debug work even when first touched after the service made its globals
     * strict or took io out of them.
     */
    @Test
    void libraryTablesFilledOnFirstUseShowTheWholeLibraryAndStayPerService() throws Exception {
        String keys = """
            local keys = {}
            function keys.of(t)
                local list = {}
                for k in pairs(t) do list[#list + 1] = tostring(k) end
                table.sort(list)
                return table.concat(list, " ")
            end
            return keys
            """;
        try (TestNode node = LuaScenario.node(dir).service("keys", keys).service("writer", """
            local skynet = require "skynet"
            local keys = require "keys"
            skynet.start(function()
                for name in string.gmatch("%s", "%%S+") do
                    local lib = _G[name]
                    lib.mine = name
                    lib.mine = nil
                    lib.writer_was_here = true
                end
                string.format = nil
                package.preload.writer_mod = function() return "writer's" end
                skynet.dispatch("lua", function(_, _, name)
                    skynet.retpack(keys.of(_G[name]))
                end)
            end)
            """.formatted(LIBRARIES)).service("strict", """
            local skynet = require "skynet"
            local check = require "check"
            local myio = io
            setmetatable(_G, { __newindex = function(_, k) error("strict: " .. k) end,
                __index = function(_, k) error("undefined " .. k) end })
            rawset(_G, "io", nil)
            skynet.start(function()
                check.eq("io first touched after it left _G", type(myio.write), "function")
                check.eq("io stays out of _G", rawget(_G, "io"), nil)
                check.eq("package.loaded.io is the library", package.loaded.io, myio)
                check.eq("os first touched under a strict _G", type(os.time()), "number")
                check.ok("debug first touched under a strict _G", debug.traceback("x"):find("x", 1, true))
                debug.setmetatable(false, {__index = {mine = "yes"}})
                check.eq("debug.setmetatable is the state's after filling", (true).mine, "yes")
                debug.setmetatable(false, nil)
                check.eq("debug.getmetatable is the state's", debug.getmetatable(""), getmetatable(""))
                print("STRICT DONE")
            end)
            """).service("main", """
            local skynet = require "skynet"
            local check = require "check"
            local keys = require "keys"
            skynet.start(function()
                check.eq("shared function read", string.format("%%d-%%s", 7, "x"), "7-x")
                check.eq("rawget reads the shared entry", rawget(string, "rep"), string.rep)
                check.eq("no array part", #string, 0)
                check.eq("package.loaded.string is string", package.loaded.string, string)
                check.eq("package.loaded.os is os", package.loaded.os, os)
                check.eq("string methods through the metatable", ("ab"):rep(2), "abab")
                check.eq("a missing key", math.nothing, nil)
                check.eq("a constant", math.maxinteger, 9223372036854775807)
                local w = skynet.newservice("writer")
                for name in string.gmatch("%s", "%%S+") do
                    check.eq("another service's write invisible in " .. name, _G[name].writer_was_here, nil)
                    local theirs = skynet.call(w, "lua", name)
                    print("KEYS " .. name .. " " .. keys.of(_G[name]))
                    local mine = keys.of(_G[name])
                    check.eq("filled by a write, " .. name .. " lists the same", (theirs:gsub(" writer_was_here", "")),
                        name == "string" and (mine:gsub(" format ", " ")) or mine)
                end
                check.eq("string.format intact here", type(string.format), "function")
                check.eq("another service's preload invisible", package.preload.writer_mod, nil)
                check.ok("nor can it be required", not pcall(require, "writer_mod"))
                check.eq("skynet.cache and skynet.codecache are one module", require "skynet.cache", require "skynet.codecache")
                local preloads = " " .. keys.of(package.preload) .. " "
                check.ok("preload lists the Java modules", preloads:find(" skynet.core ", 1, true)
                    and preloads:find(" skynet.profile ", 1, true) and preloads:find(" cjson ", 1, true), preloads)
                skynet.newservice("strict")
                print("DONE")
            end)
            """.formatted(LIBRARIES, LIBRARIES)).start("main")) {
            node.await("STRICT DONE");
            assertPassed(node, "shared function read", "rawget reads the shared entry", "no array part",
                "package.loaded.string is string", "package.loaded.os is os", "string methods through the metatable",
                "a missing key", "a constant",
                "another service's write invisible in string", "another service's write invisible in table",
                "another service's write invisible in math", "another service's write invisible in utf8",
                "another service's write invisible in io",
                "another service's write invisible in os", "another service's write invisible in debug",
                "filled by a write, string lists the same", "filled by a write, table lists the same",
                "filled by a write, math lists the same", "filled by a write, utf8 lists the same",
                "filled by a write, io lists the same",
                "filled by a write, os lists the same", "filled by a write, debug lists the same",
                "string.format intact here", "another service's preload invisible", "nor can it be required",
                "skynet.cache and skynet.codecache are one module", "preload lists the Java modules", "io first touched after it left _G", "io stays out of _G",
                "package.loaded.io is the library", "os first touched under a strict _G",
                "debug first touched under a strict _G", "debug.setmetatable is the state's after filling",
                "debug.getmetatable is the state's");
            assertEquals(eagerLibraryKeys(), node.lines().stream().filter(l -> l.startsWith("KEYS ")).toList());
        }
    }
}
