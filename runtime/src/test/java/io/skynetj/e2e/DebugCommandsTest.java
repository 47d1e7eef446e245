package io.skynetj.e2e;

import static io.skynetj.e2e.LuaScenario.assertPassed;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The debug protocol's LINK and require("skynet.debug").reg_debugcmd. */
class DebugCommandsTest {
    @TempDir
    Path dir;

    @Test
    void linkFailsWhenTheServiceExitsAndRegisteredCommandsAnswer() throws Exception {
        try (TestNode node = LuaScenario.node(dir).service("target", """
            local skynet = require "skynet"
            require("skynet.debug").reg_debugcmd("DOUBLE", function(n) skynet.retpack(n * 2) end)
            skynet.start(function()
                skynet.dispatch("lua", function() skynet.exit() end)
            end)
            """).service("main", """
            local skynet = require "skynet"
            local check = require "check"
            skynet.start(function()
                local t = skynet.newservice("target")
                check.eq("registered debug command", skynet.call(t, "debug", "DOUBLE", 21), 42)
                check.raises("unknown debug command", "call failed", skynet.call, t, "debug", "NOPE")
                local linked
                skynet.fork(function() linked = table.pack(pcall(skynet.call, t, "debug", "LINK")) end)
                skynet.sleep(5)
                check.eq("LINK waits while the service lives", linked, nil)
                skynet.send(t, "lua", "exit")
                skynet.sleep(5)
                check.eq("LINK fails once it exits", linked and linked[1], false)
                print("DONE")
            end)
            """).start("main")) {
            assertPassed(node, "registered debug command", "unknown debug command", "LINK waits while the service lives",
                "LINK fails once it exits");
        }
    }
}
