package io.skynetj.lua;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.luaj.vm2.Globals;

/**
 * string.pack, string.unpack and string.packsize against Lua 5.3. Each case in {@code lua53-pack.txt}
 * is an expression and what Debian's lua5.3 (5.3.6, x86-64) printed for it, with the helpers of
 * {@code lua53-pack-prelude.lua} (bytes as hex, values joined, error messages without position).
 * lua5.3 served only to produce those lines; it is not part of the build.
 */
class StringPackTest {
    private static final String PRELUDE = resource("lua53-pack-prelude.lua");

    private static String resource(String name) {
        try (InputStream in = StringPackTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String eval(String expr) {
        Globals g = io.skynetj.lua.lib.Libraries.standardGlobals(); // string.pack is skynetj's
        return g.load(new StringReader(PRELUDE + "\nreturn tostring(" + expr + ")"), "=test").call().tojstring();
    }

    static Stream<Arguments> lua53() {
        return resource("lua53-pack.txt").lines()
            .filter(l -> !l.startsWith("#") && !l.isBlank())
            .map(l -> {
                int at = l.indexOf(" => ");
                return Arguments.of(l.substring(0, at), l.substring(at + 4));
            });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("lua53")
    void asLua53(String expr, String expected) {
        assertEquals(expected, eval(expr));
    }

    /** 64-bit integers stay exact (2^53 + 1 is a float: 2^53 is one). */
    @Test
    void integersBeyondTwoToThe53StayExact() {
        assertEquals("0000000000002000", eval("hex(pack('j', 2^53 + 1))"));
        assertEquals("0100000000002000", eval("hex(pack('j', 9007199254740993))"));
        assertEquals("36028797018963967 8", eval("show(unpack('i7', '\\255\\255\\255\\255\\255\\255\\127'))"));
    }

    @Test
    void installedInEveryStringTable() {
        assertEquals("function function function", eval("type(string.pack) .. ' ' .. type(('').unpack) .. ' ' .. type(string.packsize)"));
    }
}
