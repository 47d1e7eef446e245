package io.skynetj.e2e;

import static io.skynetj.e2e.LuaScenario.assertPassed;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** require "skynet.profile": the running (not blocked) time of a skynet thread between start and stop. */
class ProfileTest {
    @TempDir
    Path dir;

    private static final String MAIN = """
        local skynet = require "skynet"
        local profile = require "skynet.profile"
        local coroutine = require "skynet.coroutine"
        local check = require "check"
        skynet.start(function()
            local wall0 = skynet.hpc()
            profile.start()
            local x = 0
            for i = 1, 200000 do x = x + i %% 7 end
            skynet.sleep(20)
            local ran = profile.stop()
            local wall = (skynet.hpc() - wall0) / 1e9
            check.eq("a number", type(ran), "number")
            %s
            check.raises("stop without start", "Call profile.start() before profile.stop()", profile.stop)
            profile.start()
            check.raises("start twice", "start profile more than once", profile.start)
            -- skynet's testcoroutine: stop this thread's profile from inside a skynet.coroutine
            local f = coroutine.wrap(function() return profile.stop(coroutine.thread()) end)
            check.eq("stop from a coroutine of the thread", type(f()), "number")
            local other
            skynet.fork(function() profile.start() skynet.sleep(1) other = profile.stop() end)
            while not other do skynet.sleep(1) end
            check.ok("each skynet thread has its own", other >= 0, other)
            check.eq("resume and wrap are the coroutine library's", profile.resume == coroutine.resume or profile.resume == _G.coroutine.resume, true)
            print("DONE")
        end)
        """;

    @Test
    void countsRunningTimeNotBlockedTime() throws Exception {
        try (TestNode node = LuaScenario.node(dir).service("main", MAIN.formatted("""
                check.ok("it ran", ran > 0, ran)
                check.ok("the 20 cs sleep is not counted", wall - ran >= 0.19, ran .. " of " .. wall)
            """)).start("main")) {
            assertPassed(node, "a number", "it ran", "the 20 cs sleep is not counted", "stop without start", "start twice",
                "stop from a coroutine of the thread", "each skynet thread has its own", "resume and wrap are the coroutine library's");
        }
    }

    @Test
    void profileFalseMeasuresNothing() throws Exception {
        try (TestNode node = LuaScenario.node(dir).config("profile", "false").service("main", MAIN.formatted("""
                check.eq("zero with profile = false", ran, 0)
            """)).start("main")) {
            assertPassed(node, "a number", "zero with profile = false", "stop without start", "start twice",
                "stop from a coroutine of the thread", "each skynet thread has its own", "resume and wrap are the coroutine library's");
        }
    }
}
