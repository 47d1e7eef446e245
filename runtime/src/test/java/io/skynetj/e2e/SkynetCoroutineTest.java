package io.skynetj.e2e;

import static io.skynetj.e2e.LuaScenario.assertPassed;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** require "skynet.coroutine": user coroutines that block in skynet calls, with skynet's observable results. */
class SkynetCoroutineTest {
    @TempDir
    Path dir;

    @Test
    void userCoroutinesBlockInSkynetCallsAndReportSkynetsStatuses() throws Exception {
        try (TestNode node = LuaScenario.node(dir).service("echo", CoreApiTest.ECHO).service("main", """
            local skynet = require "skynet"
            local coroutine = require "skynet.coroutine"
            local check = require "check"
            skynet.start(function()
                local echo = skynet.newservice("echo")
                local root = coroutine.running()
                local co
                co = coroutine.create(function(a)
                    local th, main = coroutine.thread()
                    check.eq("thread() inside is the skynet thread", th, root)
                    check.eq("thread() inside is not a skynet thread", main, false)
                    local inner = coroutine.create(function() return coroutine.status(co) end)
                    check.eq("the resumer of the running coroutine is normal", select(2, coroutine.resume(inner)), "normal")
                    local b = coroutine.yield(a + 1)
                    skynet.sleep(5)
                    local r = skynet.call(echo, "lua", b)
                    coroutine.yield(r)
                    return "end"
                end)
                check.eq("created is suspended", coroutine.status(co), "suspended")
                local ok, v = coroutine.resume(co, 1)
                check.eq("user yield returns to resume", v, 2)
                check.eq("suspended after a user yield", coroutine.status(co), "suspended")
                skynet.fork(function()
                    check.eq("status while blocked in a skynet call", coroutine.status(co), "blocked")
                    check.eq("a skynet thread waiting is suspended", coroutine.status(root), "suspended")
                    local ok, err = coroutine.resume(co)
                    check.eq("resuming a framework-blocked coroutine fails", ok, false)
                    check.eq("with skynet's message", err, "cannot resume a skynet coroutine suspend by skynet framework")
                end)
                ok, v = coroutine.resume(co, "x")
                check.eq("skynet blocks stay inside: resume returns the next user yield", v, "x")
                ok, v = coroutine.resume(co)
                check.eq("return value", v, "end")
                check.eq("dead", coroutine.status(co), "dead")
                ok, v = coroutine.resume(co)
                check.eq("resuming a dead coroutine", v, "cannot resume dead coroutine")
                ok, v = coroutine.resume(root)
                check.eq("a skynet thread is refused", v, "cannot resume none skynet coroutine")
                local th, main = coroutine.thread()
                check.eq("thread() of a skynet thread", th, root)
                check.eq("is a skynet thread", main, true)
                local gen = coroutine.wrap(function(n)
                    for i = 1, n do
                        coroutine.yield(skynet.call(echo, "lua", i * 10))
                    end
                end)
                check.eq("wrap", gen(2) + gen() , 30)
                local bad = coroutine.wrap(function() error("boom", 0) end)
                check.raises("wrap raises the error", "boom", bad)
                local closed = {}
                local held = coroutine.create(function()
                    local x <close> = setmetatable({}, { __close = function() closed[#closed + 1] = "x" end })
                    coroutine.yield()
                end)
                coroutine.resume(held)
                check.eq("close of a suspended coroutine", select("#", coroutine.close(held)) .. tostring(coroutine.close(held)), "1true")
                check.eq("close ran its to-be-closed variable", table.concat(closed), "x")
                check.eq("closed is dead", coroutine.status(held), "dead")
                print("DONE")
            end)
            """).start("main")) {
            assertPassed(node, "thread() inside is the skynet thread", "thread() inside is not a skynet thread",
                "the resumer of the running coroutine is normal",
                "created is suspended", "user yield returns to resume", "suspended after a user yield",
                "status while blocked in a skynet call", "a skynet thread waiting is suspended", "resuming a framework-blocked coroutine fails", "with skynet's message",
                "skynet blocks stay inside: resume returns the next user yield", "return value", "dead",
                "resuming a dead coroutine", "a skynet thread is refused", "thread() of a skynet thread", "is a skynet thread",
                "wrap", "wrap raises the error", "close of a suspended coroutine", "close ran its to-be-closed variable",
                "closed is dead");
        }
    }
}
