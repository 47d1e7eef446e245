package io.skynetj.e2e;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** skynet's "console" service (service-scripts/defaults/console.lua) starts where skynet's programs expect it. */
class ConsoleServiceTest {
    @TempDir
    Path dir;

    @Test
    void startsAndSaysStandardInputIsNotAvailable() throws Exception {
        try (TestNode node = LuaScenario.node(dir).service("main", """
            local skynet = require "skynet"
            skynet.start(function()
                local console = skynet.newservice("console")
                print("STARTED " .. skynet.address(console))
            end)
            """).start("main")) {
            String started = node.await("STARTED ");
            String address = started.substring(started.indexOf(' ') + 1);
            String line = node.await("console: no standard input");
            assertTrue(line.startsWith("[" + address + "]"), line);
        }
    }
}
