package io.skynetj.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * require "bson" in a service. bson/cases.lua prints one line per case; cases.expected is what
 * skynet's own Lua with its luaclib/bson.so printed for the same file.
 */
class BsonTest {
    @TempDir
    Path dir;

    @Test
    void encodesAsSkynetDoes() throws Exception {
        Path cases = Path.of(getClass().getResource("/bson/cases.lua").toURI());
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
