package io.skynetj.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * require "sproto.core" in a service. sproto/cases.lua prints one line per case; cases.expected is
 * what skynet's own Lua with its luaclib/sproto.so printed for the same file (the schema in it was
 * made by skynet's sprotoparser from sproto/schema.sproto).
 */
class SprotoTest {
    @TempDir
    Path dir;

    @Test
    void coreEncodesAsSkynetDoes() throws Exception {
        Path cases = Path.of(getClass().getResource("/sproto/cases.lua").toURI());
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
