package io.skynetj.e2e;

import static io.skynetj.e2e.LuaScenario.assertPassed;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The monitor flags a service stuck in one message: logged, then skynet.endless() is true once. */
class EndlessTest {
    @TempDir
    Path dir;

    @Test
    void aServiceSpinningInOneMessageIsFlaggedOnce() throws Exception {
        try (TestNode node = LuaScenario.node(dir).config("endless_interval", "100").service("spinner", """
            local skynet = require "skynet"
            skynet.start(function()
                skynet.dispatch("lua", function()
                    local t = os.clock()
                    while os.clock() - t < 0.6 do end
                    skynet.retpack(skynet.endless(), skynet.endless())
                end)
            end)
            """).service("main", """
            local skynet = require "skynet"
            local check = require "check"
            skynet.start(function()
                check.eq("not flagged while idle", skynet.stat("endless"), false)
                local s = skynet.newservice("spinner")
                local first, second = skynet.call(s, "lua", "spin")
                check.eq("flagged after spinning", first, true)
                check.eq("only once", second, false)
                skynet.sleep(30)
                check.eq("a service blocked in a call is not stuck", skynet.endless(), false)
                print("DONE")
            end)
            """).start("main")) {
            assertPassed(node, "not flagged while idle", "flagged after spinning", "only once", "a service blocked in a call is not stuck");
            node.await("maybe in an endless loop");
        }
    }
}
