package io.skynetj.lua;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.skynetj.lua.lib.Libraries;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIfEnvironmentVariable;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaError;

/**
 * Every .lua file of skynet's own lualib compiles on our Lua 5.4 (skynet's code uses integers, bitwise
 * operators, {@code <const>} and {@code <close>}). skynet is not in this repository: the test runs only when
 * SKYNET_LUALIB names a lualib folder, e.g. one made by
 * {@code git -C <skynet clone> archive HEAD lualib | tar -x -C /tmp/skynet-lualib} with
 * SKYNET_LUALIB=/tmp/skynet-lualib/lualib.
 */
@EnabledIfEnvironmentVariable(named = "SKYNET_LUALIB", matches = ".+")
class SkynetLualibCompileTest {

    @Test
    void everyLualibFileCompiles() throws IOException {
        Path lualib = Path.of(System.getenv("SKYNET_LUALIB"));
        List<Path> files;
        try (Stream<Path> walk = Files.walk(lualib)) {
            files = walk.filter(p -> p.toString().endsWith(".lua")).sorted().toList();
        }
        assertFalse(files.isEmpty(), "no .lua files under " + lualib);
        Globals g = Libraries.standardGlobals();
        List<String> failures = new ArrayList<>();
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file)) {
                g.load(in, "@" + lualib.relativize(file), "t", g);
            } catch (LuaError e) {
                failures.add(e.getMessage());
            }
        }
        assertEquals(List.of(), failures, failures.size() + " of " + files.size() + " files do not compile");
    }
}
