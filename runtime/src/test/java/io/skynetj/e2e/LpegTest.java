package io.skynetj.e2e;

import java.nio.file.Path;
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
        LuaScenario.assertSameAsReference(dir, "/lpeg/cases.lua");
    }
}
