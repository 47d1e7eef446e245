package io.skynetj.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * require "lpeg" in a service. lpeg/cases.lua prints one line per case; cases.expected is what
 * Debian's lua-lpeg (LPeg 1.0.2) printed for the same file under lua5.2 ({@code lua5.2 cases.lua > cases.expected}).
 */
class LpegTest {
    @TempDir
    Path dir;

    @Test
    void matchesAsLpegDoes() throws Exception {
        Path cases = Path.of(getClass().getResource("/lpeg/cases.lua").toURI());
        List<String> expected = Files.readAllLines(cases.resolveSibling("cases.expected"));
        try (TestNode node = new TestNode(dir).service("main", """
            local skynet = require "skynet"
            skynet.start(function()
                dofile(%s)
                print("DONE")
            end)
            """.formatted(LuaScenario.luaString(cases.toString()))).start("main")) {
            node.await("DONE");
            List<String> got = node.lines().stream().filter(l -> l.contains(" -> ")).toList();
            assertEquals(String.join("\n", expected), String.join("\n", got));
        }
    }
}
