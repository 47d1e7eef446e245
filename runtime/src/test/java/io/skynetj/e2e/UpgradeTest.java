package io.skynetj.e2e;

import static io.skynetj.e2e.LuaScenario.assertPassed;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Upgrades of a stateful service behind a stable name, through a real node: state handed over,
 * no message lost, duplicated or reordered while clients hammer the name, failed starts, failed
 * restores and drain timeouts rolled back, timers owned by the right instance.
 */
class UpgradeTest {
    @TempDir
    Path dir;

    /** A counter; every "hit" carries (client id, sequence number) so order and loss are checked. */
    static String counter(String version, String restoreExtra) {
        return """
            local skynet = require "skynet"
            local upgrade = require "skynet.upgrade"
            local VERSION = "%s"
            local state = { total = 0, last = {}, disorder = 0, fired = {} }
            local CMD = {}
            local function fire()
                state.fired[#state.fired + 1] = VERSION
                state.alarm_at = nil
            end
            function CMD.hit(id, seq)
                state.total = state.total + 1
                if seq ~= (state.last[id] or 0) + 1 then state.disorder = state.disorder + 1 end
                state.last[id] = seq
                return state.total
            end
            function CMD.get() return VERSION .. ":" .. state.total, state.disorder end
            function CMD.stall(cs) skynet.sleep(cs) return "stalled" end
            function CMD.arm(cs)
                state.alarm_at = skynet.now() + cs
                skynet.timeout(cs, fire)
            end
            function CMD.fired() return table.concat(state.fired, ",") end
            upgrade.hooks {
                snapshot = function() return state end,
                restore = function(old, from)
                    %s
                    state = old
                    -- the old instance's timers were dropped: re-arm the alarm it carried over
                    if state.alarm_at then skynet.timeout(math.max(0, state.alarm_at - skynet.now()), fire) end
                end,
            }
            skynet.start(function()
                skynet.dispatch("lua", function(session, source, cmd, ...)
                    local f = assert(CMD[cmd], cmd)
                    if session == 0 then f(...) else skynet.retpack(f(...)) end
                end)
            end)
            """.formatted(version, restoreExtra);
    }

    static final String CLIENT = """
        local skynet = require "skynet"
        local id, n, main = ...
        n, main = tonumber(n), tonumber(main)
        skynet.start(function()
            local answered = 0
            for i = 1, n do
                if i % 2 == 0 then
                    skynet.call(".counter", "lua", "hit", id, i)
                    answered = answered + 1
                else
                    skynet.send(".counter", "lua", "hit", id, i)
                end
                if i % 20 == 0 then skynet.sleep(1) end
            end
            skynet.send(main, "lua", "done", id, answered)
        end)
        """;

    /** Lua module install(variant): copies counter_<variant>.lua over counter.lua in config testdir. */
    static final String INSTALL = """
        local skynet = require "skynet"
        local dir = skynet.getenv "testdir"
        return function(variant)
            local src = assert(io.open(dir .. "/counter_" .. variant .. ".lua")):read("*a")
            local f = assert(io.open(dir .. "/counter.lua", "w"))
            f:write(src)
            f:close()
        end
        """;

    static final String MAIN = """
        local skynet = require "skynet"
        local upgrade = require "skynet.upgrade"
        local check = require "check"
        local install = require "install"
        local done, answered = 0, 0
        skynet.start(function()
            skynet.dispatch("lua", function(_, _, cmd, id, n)
                done = done + 1
                answered = answered + n
            end)
            install("v1")
            local addr = upgrade.newservice(".counter", "counter")
            check.eq("stable address", skynet.localname(".counter"), addr)
            check.eq("v1 serving", skynet.call(".counter", "lua", "get"), "v1:0")

            local clients, per = 4, 1000
            for i = 1, clients do skynet.newservice("client", "c" .. i, per, skynet.self()) end

            local outcomes = {}
            local function attempt(label, variant, opts)
                install(variant)
                local ok, report = upgrade.upgrade(".counter", opts)
                outcomes[#outcomes + 1] = label .. "=" .. tostring(ok)
                return ok, report
            end
            local first_instance = upgrade.list()[1].instance
            attempt("v2", "v2")
            check.raises("old raw address gets an error after retirement", "call to invalid address",
                skynet.call, first_instance, "lua", "get")
            local ok, report = attempt("broken", "broken")
            check.ok("failed start is reported", report:find("start new instance FAILED") and report:find("counter.lua:2:"), report)
            ok, report = attempt("badrestore", "badrestore")
            check.ok("failed restore is reported", report:find("restore FAILED") and report:find("cannot restore"), report)
            local stalled
            skynet.fork(function() stalled = skynet.call(".counter", "lua", "stall", 60) end)
            skynet.sleep(1)
            ok, report = attempt("drain", "v1", { drain_timeout = 5 })
            check.ok("drain timeout lists what is owed", report:find("drain FAILED") and report:find("still owes"), report)
            while not stalled do skynet.sleep(1) end
            check.eq("the stalled request was answered by the instance that took it", stalled, "stalled")
            attempt("v1", "v1")
            stalled = nil
            skynet.fork(function() stalled = skynet.call(".counter", "lua", "stall", 60) end)
            skynet.sleep(1)
            ok, report = attempt("forced", "v2", { drain_timeout = 5, force = true })
            check.ok("forced drain goes on and lets the old instance finish", report:find("drain timed out, forced") and report:find("retires when"), report)
            while not stalled do skynet.sleep(1) end
            check.eq("the forced-out instance still answered its request", stalled, "stalled")
            check.eq("outcomes", table.concat(outcomes, " "), "v2=true broken=false badrestore=false drain=false v1=true forced=true")

            while done < clients do skynet.sleep(1) end
            local version_total, disorder = skynet.call(".counter", "lua", "get")
            check.eq("every message counted once", version_total, "v2:" .. clients * per)
            check.eq("per-sender order kept", disorder, 0)
            check.eq("every call answered", answered, clients * per / 2)

            ok, report = upgrade.rollback(".counter")
            check.ok("rollback to the previous version", ok, report)
            check.eq("previous code runs with the state", (skynet.call(".counter", "lua", "get")), "v1:" .. clients * per)

            skynet.call(".counter", "lua", "arm", 20)
            install("v2")
            check.eq("upgrade with a pending timer", (upgrade.upgrade(".counter")), true)
            skynet.sleep(40)
            check.eq("the new instance owns the timer, the old one's never runs", skynet.call(".counter", "lua", "fired"), "v2")
            local info = upgrade.list()[1]
            check.ok("list shows versions", info.name == ".counter" and info.version ~= info.previous and info.previous ~= nil, info.version)
            print("DONE")
        end)
        """;

    @Test
    void upgradesUnderLoadLoseNothing() throws Exception {
        TestNode node = LuaScenario.node(dir)
            .service("counter_v1", counter("v1", "old.total = old.total or old.count"))
            .service("counter_v2", counter("v2", "old.total = old.total or old.count"))
            .service("counter_badrestore", counter("v3", "error('cannot restore this shape')"))
            .service("counter_broken", "local skynet = require 'skynet'\nthis is not lua\n")
            .service("client", CLIENT)
            .service("install", INSTALL)
            .service("main", MAIN)
            .config("testdir", dir.toString());
        try (node) {
            node.start("main");
            assertPassed(node, "stable address", "v1 serving", "old raw address gets an error after retirement",
                "failed start is reported", "failed restore is reported", "drain timeout lists what is owed",
                "the stalled request was answered by the instance that took it", "forced drain goes on and lets the old instance finish",
                "the forced-out instance still answered its request", "outcomes", "every message counted once",
                "per-sender order kept", "every call answered", "rollback to the previous version",
                "previous code runs with the state", "upgrade with a pending timer",
                "the new instance owns the timer, the old one's never runs", "list shows versions");
        }
    }

    @Test
    void upgradeAndRollbackFromTheConsole() throws Exception {
        TestNode node = LuaScenario.node(dir)
            .service("counter_v1", counter("v1", "old.total = old.total or old.count"))
            .service("counter_v2", counter("v2", "old.total = old.total or old.count"))
            .service("counter_broken", "local skynet = require 'skynet'\nthis is not lua\n")
            .service("counter", counter("v1", "old.total = old.total or old.count"))
            .service("main", """
                local skynet = require "skynet"
                local upgrade = require "skynet.upgrade"
                skynet.start(function()
                    upgrade.newservice(".counter", "counter")
                    skynet.send(".counter", "lua", "hit", "x", 1)
                    skynet.send(".counter", "lua", "hit", "x", 2)
                    print("READY " .. skynet.call(".counter", "lua", "get"))
                end)
                """)
            .config("console", "127.0.0.1:0");
        try (node) {
            node.start("main");
            assertEquals("READY v1:2", node.await("READY "));
            try (ConsoleConnection c = ConsoleConnection.open(node.consolePort())) {
                List<String> list = c.command("list");
                assertTrue(list.stream().anyMatch(l -> l.matches(":[0-9a-f]{8}\\tmanaged \\.counter -> :[0-9a-f]{8} snlua counter version [0-9a-f]{12}")),
                    list::toString);

                java.nio.file.Files.copy(dir.resolve("counter_v2.lua"), dir.resolve("counter.lua"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                List<String> up = c.command("upgrade .counter");
                assertEquals("<CMD OK>", up.getLast(), up::toString);
                assertTrue(up.stream().anyMatch(l -> l.contains("handed over")), up::toString);
                assertTrue(up.get(up.size() - 2).matches("\\.counter upgraded from version [0-9a-f]{12} to [0-9a-f]{12} in .* ms"), up::toString);
                assertEquals(List.of("1\tv2:2", "2\t0", "n\t2", "<CMD OK>"), c.command("call .counter \"get\""));
                assertTrue(c.command("list").stream().anyMatch(l -> l.contains("managed .counter") && l.contains("(rollback to ")));

                java.nio.file.Files.copy(dir.resolve("counter_broken.lua"), dir.resolve("counter.lua"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
                List<String> broken = c.command("upgrade .counter");
                assertEquals("<CMD Error>", broken.getLast(), broken::toString);
                assertTrue(broken.stream().anyMatch(l -> l.contains("start new instance FAILED") && l.contains("counter.lua:2:")), broken::toString);
                assertEquals(List.of("1\tv2:2", "2\t0", "n\t2", "<CMD OK>"), c.command("call .counter \"get\""), "still served by v2");

                List<String> back = c.command("rollback .counter");
                assertEquals("<CMD OK>", back.getLast(), back::toString);
                assertTrue(back.get(back.size() - 2).matches("\\.counter rolled back from version [0-9a-f]{12} to [0-9a-f]{12} in .* ms"), back::toString);
                assertEquals(List.of("1\tv1:2", "2\t0", "n\t2", "<CMD OK>"), c.command("call .counter \"get\""), "previous code, same state");

                assertEquals(List.of("no managed service named .nobody", "<CMD Error>"), c.command("upgrade .nobody"));
            }
        }
    }

    @Test
    void statelessServicesFlipWithoutHooksAndKillingTheNameEndsIt() throws Exception {
        try (TestNode node = LuaScenario.node(dir).service("hello", """
            local skynet = require "skynet"
            local greeting = ...
            skynet.start(function()
                skynet.dispatch("lua", function() skynet.retpack(greeting .. " from " .. skynet.self()) end)
            end)
            """).service("main", """
            local skynet = require "skynet"
            require "skynet.manager"
            local upgrade = require "skynet.upgrade"
            local check = require "check"
            skynet.start(function()
                local addr = upgrade.newservice("hello", "hello", "hi")
                local before = skynet.call("hello", "lua")
                local ok, report = upgrade.upgrade("hello")
                check.ok("stateless upgrade", ok and report:find("handed over 0 bytes"), report)
                local after = skynet.call(addr, "lua")
                check.ok("same address, new instance, same arguments", after ~= before and after:find("^hi from "), after)
                check.raises("a second service cannot take the name", "already used", upgrade.newservice, "hello", "hello", "x")
                local ok2, report2 = upgrade.rollback("hello")
                check.ok("rollback works for stateless services", ok2, report2)
                skynet.kill(upgrade.list()[1].instance)
                check.raises("a crashed instance fails its callers", "call", skynet.call, "hello", "lua")
                local ok4, report4 = upgrade.upgrade("hello")
                check.ok("upgrade brings a crashed instance back", ok4 and report4:find("was gone"), report4)
                check.ok("serving again", skynet.call("hello", "lua"):find("^hi from "), "")
                skynet.kill(addr)
                check.raises("killing the stable address ends the service", "call to invalid address", skynet.call, "hello", "lua")
                check.raises("and it is no longer managed", "no managed service named hello", function()
                    local ok3, r3 = upgrade.upgrade("hello")
                end)
                print("DONE")
            end)
            """).start("main")) {
            assertPassed(node, "stateless upgrade", "same address, new instance, same arguments", "a second service cannot take the name",
                "rollback works for stateless services", "a crashed instance fails its callers", "upgrade brings a crashed instance back",
                "serving again", "killing the stable address ends the service", "and it is no longer managed");
        }
    }
}
