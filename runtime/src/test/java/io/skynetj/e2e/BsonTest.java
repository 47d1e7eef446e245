package io.skynetj.e2e;

import java.nio.file.Path;
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
        LuaScenario.assertSameAsReference(dir, "/bson/cases.lua");
    }
}
