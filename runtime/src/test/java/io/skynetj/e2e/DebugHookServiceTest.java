package io.skynetj.e2e;

import static io.skynetj.e2e.LuaScenario.assertPassed;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * debug.sethook in a service of a real node (patch 0043): a count hook on a busy loop, and hooks that
 * belong to one coroutine: a line hook a forked coroutine sets stays on it across a skynet.sleep and is
 * not the hook of the coroutine that forked it.
 */
class DebugHookServiceTest {
    @TempDir
    Path dir;

    @Test
    void aServiceCountsInstructionsAndEachCoroutineHasItsOwnHook() throws Exception {
        try (TestNode node = LuaScenario.node(dir).service("main", """
            local skynet = require "skynet"
            local check = require "check"
            skynet.start(function()
                local n = 0
                debug.sethook(function(event) n = n + 1 end, "", 100)
                local s = 0
                for i = 1, 100000 do s = s + i end
                debug.sethook()
                check.eq("count events of a loop of 100000 turns", n > 500 and n < 100000, true)
                check.eq("no hook once removed", debug.gethook(), nil)

                local lines, after = {}, nil
                local done = false
                skynet.fork(function()
                    debug.sethook(function(event, line) lines[#lines + 1] = line end, "l")
                    skynet.sleep(1)
                    after = #lines
                    local x = 1
                    debug.sethook()
                    done = true
                end)
                check.eq("the forked coroutine's hook is not the forking one's", debug.gethook(), nil)
                while not done do skynet.sleep(1) end
                check.eq("line events on the forked coroutine after it slept", after ~= nil and #lines > after, true)
                print("DONE")
            end)
            """).start("main")) {
            assertPassed(node, "count events of a loop of 100000 turns", "no hook once removed",
                "the forked coroutine's hook is not the forking one's", "line events on the forked coroutine after it slept");
        }
    }
}
