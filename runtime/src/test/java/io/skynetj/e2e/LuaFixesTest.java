package io.skynetj.e2e;

import static io.skynetj.e2e.LuaScenario.assertPassed;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Lua behaviour LuaJ 3.0.1 got wrong that the patch series and our library classes fix, seen from a
 * service of a real node. Expected values are what Debian's lua5.2 (5.2.4) prints for the same code.
 */
class LuaFixesTest {
    @TempDir
    Path dir;

    @Test
    void patternsNumbersAndPairsBehaveAsLua52() throws Exception {
        try (TestNode node = LuaScenario.node(dir).service("main", """
            local skynet = require "skynet"
            local check = require "check"
            skynet.start(function()
                -- %f frontier (LuaJ threw ArrayIndexOutOfBoundsException)
                check.eq("frontier gsub", select(1, ("THE (quick) fox"):gsub("%f[%a]%a+", "W")), "W (W) W")
                check.eq("frontier at the end", select(1, ("hello world"):find("%f[%w]%w+$")), 7)
                check.eq("frontier of the end", select(1, ("x"):find("%f[%z]")), 2)
                check.eq("frontier upper", select(1, ("aXb"):gsub("%f[%u]", "|")), "a|Xb")
                check.raises("frontier needs a set", "missing '[' after '%f' in pattern", string.find, "x", "%fa")
                -- __pairs
                local t = setmetatable({}, { __pairs = function(self)
                    return function(_, k) if not k then return "k", "v" end end, self, nil
                end })
                local seen = {}
                for k, v in pairs(t) do seen[#seen + 1] = k .. "=" .. v end
                check.eq("__pairs drives pairs", check.list(seen), "k=v")
                check.raises("pairs of nil", "bad argument #1 to 'pairs' (table expected, got nil)", pairs, nil)
                -- hexadecimal numerals in strings
                check.eq("tonumber hex float", tonumber("0x1p4"), 16)
                check.eq("tonumber hex fraction", tonumber("0x1.8"), 1.5)
                check.eq("tonumber signed hex", tonumber("-0x10"), -16)
                check.eq("tonumber hex exponent", tonumber("0x1P-2"), 0.25)
                check.eq("tonumber white space", tonumber("\\t10\\n"), 10)
                check.eq("tonumber bad hex", tonumber("0x1p"), nil)
                check.eq("hex string arithmetic", "0x1p4" + 1, 17)
                -- counts past 2^31 are errors, not an empty string (as Lua 5.4 says it)
                check.raises("rep of 2^31", "resulting string too large", string.rep, "x", 2^31)
                check.eq("rep of the empty string", string.rep("", 2^40), "")
                -- a message size past the message is an error, not an empty message
                local msg = skynet.pack(1, 2)
                check.raises("unpack past the message", "invalid message size", skynet.unpack, msg, 2^40)
                print("DONE")
            end)
            """).start("main")) {
            assertPassed(node, "frontier gsub", "frontier at the end", "frontier of the end", "frontier upper",
                "frontier needs a set", "__pairs drives pairs", "pairs of nil", "tonumber hex float",
                "tonumber hex fraction", "tonumber signed hex", "tonumber hex exponent", "tonumber white space",
                "tonumber bad hex", "hex string arithmetic", "rep of 2^31", "rep of the empty string", "unpack past the message");
        }
    }

    @Test
    void skynetTimeIsTheWallClock() throws Exception {
        // skynet.time() is starttime + now()/100; now() starts at the fraction of the start second, so the
        // sum follows the wall clock (it lagged by up to a second when now() started at 0)
        try (TestNode node = LuaScenario.node(dir).service("main", """
            local skynet = require "skynet"
            skynet.start(function()
                print(string.format("TIME %.2f", skynet.time()))
            end)
            """)) {
            double before = System.currentTimeMillis() / 1000.0;
            node.start("main");
            double time = Double.parseDouble(node.await("TIME ").substring(5));
            double after = System.currentTimeMillis() / 1000.0;
            // now() counts whole centiseconds, so skynet.time() may trail the clock by up to 0.01 s
            assertTrue(time >= before - 0.011 && time <= after, before + " <= " + time + " <= " + after);
        }
    }

    @Test
    void tablesWithIntegerKeysSetAndClearedKeepWorking() throws Exception {
        // LuaJ 3.0.1's rehash could leave an empty hash part for a key that needed one (patch 0013):
        // with this seed the loop failed with ArrayIndexOutOfBoundsException before the fix
        try (TestNode node = LuaScenario.node(dir).service("main", """
            local skynet = require "skynet"
            local check = require "check"
            skynet.start(function()
                math.randomseed(1)
                local ok, err = pcall(function()
                    for round = 1, 2000 do
                        local t, shadow, live = {}, {}, {}
                        for step = 1, 200 do
                            if math.random() < 0.6 then
                                local k = math.random(1, 64)
                                t[k], shadow[k] = step, step
                                live[#live + 1] = k
                            elseif #live > 0 then
                                local i = math.random(1, #live)
                                t[live[i]], shadow[live[i]] = nil, nil
                                table.remove(live, i)
                            end
                        end
                        for k = 1, 64 do assert(t[k] == shadow[k], "key " .. k) end
                    end
                end)
                check.ok("integer keys set and cleared", ok, err)
                print("DONE")
            end)
            """).start("main")) {
            assertPassed(node, "integer keys set and cleared");
        }
    }
}
