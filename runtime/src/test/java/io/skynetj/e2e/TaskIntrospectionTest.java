package io.skynetj.e2e;

import static io.skynetj.e2e.LuaScenario.assertPassed;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** skynet.task in all its forms, skynet.uniqtask and skynet.trace_timeout, through a real node. */
class TaskIntrospectionTest {
    @TempDir
    Path dir;

    static final String HOLDER = """
        local skynet = require "skynet"
        local held
        skynet.start(function()
            skynet.dispatch("lua", function(session, source, cmd)
                if cmd == "HOLD" then
                    held = skynet.response()
                else
                    held(true, "released")
                    skynet.ret()
                end
            end)
        end)
        """;

    @Test
    void taskFormsDescribeSuspendedCoroutinesAndPendingTimeouts() throws Exception {
        try (TestNode node = LuaScenario.node(dir).service("holder", HOLDER).service("main", """
            local skynet = require "skynet"
            local check = require "check"
            skynet.start(function()
                local holder = skynet.newservice("holder")
                check.eq("nothing suspended at first", skynet.task(), 0)
                local caller = skynet.fork(function() skynet.call(holder, "lua", "HOLD") end)
                skynet.yield()
                check.eq("count", skynet.task(), 1)
                local t = {}
                check.eq("task(tbl) returns nothing", select("#", skynet.task(t)), 0)
                local key, what = next(t)
                local session = tonumber(key:match(" session: (%d+)$"))
                check.ok("key is <thread> session: N", session and key == tostring(caller) .. " session: " .. session, key)
                check.ok("value says what it waits for", what:find("call to " .. skynet.address(holder), 1, true), what)
                check.eq("task(session)", skynet.task(session), what)
                check.eq("task(unknown session)", skynet.task(999999), "No session")
                check.eq("task(co) is its session", skynet.task(caller), session)
                check.eq("task(running co) is nil", skynet.task(coroutine.running()), nil)
                local u = skynet.uniqtask()
                local head, stack = next(u)
                check.eq("uniqtask head", head, "1\\tsessions:[" .. session .. "]")
                check.ok("uniqtask description", stack:find("call to", 1, true), stack)

                local timer = skynet.timeout(500, function() end)
                check.eq("a pending timeout counts", skynet.task(), 2)
                t = {}
                skynet.task(t)
                check.eq("pending timeout entry", t[tostring(timer) .. " timeout"], "timeout of 500 cs")
                skynet.trace_timeout(true)
                local traced = skynet.timeout(600, function() end)
                t = {}
                skynet.task(t)
                local d = t[tostring(traced) .. " timeout"]
                check.ok("trace_timeout names the creator", d and d:find("created by " .. tostring(coroutine.running()), 1, true), d)
                skynet.trace_timeout(false)

                skynet.call(holder, "lua", "RELEASE")
                skynet.yield()
                check.eq("released call is no longer a task", skynet.task(caller), nil)
                check.eq("only the timeouts remain", skynet.task(), 2)
                check.eq("init while start runs (from itself)", skynet.task("init"), "running")
                print("DONE")
            end)
            """).start("main")) {
            assertPassed(node, "nothing suspended at first", "count", "task(tbl) returns nothing", "key is <thread> session: N",
                "value says what it waits for", "task(session)", "task(unknown session)", "task(co) is its session",
                "task(running co) is nil", "uniqtask head", "uniqtask description", "a pending timeout counts",
                "pending timeout entry", "trace_timeout names the creator", "released call is no longer a task",
                "only the timeouts remain", "init while start runs (from itself)");
        }
    }

    @Test
    void taskInitDescribesTheStartFunctionUntilItReturns() throws Exception {
        try (TestNode node = LuaScenario.node(dir).service("main", """
            local skynet = require "skynet"
            local check = require "check"
            skynet.start(function()
                skynet.fork(function()
                    local d = skynet.task("init")
                    check.ok("init while start sleeps", d and d:find("sleep", 1, true), d)
                end)
                skynet.sleep(1)
                skynet.timeout(0, function()
                    check.eq("init after start returned", skynet.task("init"), nil)
                    print("DONE")
                end)
            end)
            """).start("main")) {
            assertPassed(node, "init while start sleeps", "init after start returned");
        }
    }
}
