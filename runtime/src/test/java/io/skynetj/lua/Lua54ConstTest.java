package io.skynetj.lua;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.skynetj.lua.lib.Libraries;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Lua 5.4's local attributes on our LuaJ (patch 0017): {@code <const>} locals are read-only at compile
 * time, unknown attributes are rejected, and {@code <close>} is refused with a message saying so
 * (to-be-closed variables are not implemented). Expected texts are stock {@code lua5.4}'s for the same
 * chunks, but the one for {@code <close>}.
 */
class Lua54ConstTest {

    /** Compiles {@code src} as chunk "c": its results when it runs, else the compile error. */
    private static String compileAndRun(String src) {
        return Lua54NumbersTest.run("local f, err = load(" + quoted(src) + ", '=c') if not f then return err end return f()");
    }

    private static String quoted(String s) {
        return "'" + s.replace("\\", "\\\\").replace("'", "\\'").replace("\n", "\\n") + "'";
    }

    @ParameterizedTest(name = "{0} => {1}")
    @CsvSource(delimiterString = "=>", quoteCharacter = '`', value = {
        "local x <const> = 1 return x + 1 => 2",
        "local a <const>, b = 1, 2 b = 3 return a, b => 1\t3",
        "local t <const> = {} t.x = 5 return t.x => 5",
        "local x <const> = 1 local function f() return x end return f() => 1",
        "local x <const> = 1 do local x = 2 x = 3 end return x => 1",
        "local x <const> = 1 x = 2 => c:1: attempt to assign to const variable 'x'",
        "local x <const> = 1 local function f() x = 3 end => c:1: attempt to assign to const variable 'x'",
        "local x <const> = 1 local function f() return function() x = 3 end end => c:1: attempt to assign to const variable 'x'",
        "local x <const> = 1 local y y, x = 1, 2 => c:1: attempt to assign to const variable 'x'",
        "local x <const> = 1 function x() end => c:1: attempt to assign to const variable 'x'",
        "local x <foo> = 1 => c:1: unknown attribute 'foo'",
        "local x <const = 1 => c:1: '>' expected near '='",
        "local f <close> = nil => c:1: to-be-closed variables ('<close>') are not supported by skynetj yet",
    })
    void localAttributes(String src, String expected) {
        assertEquals(expected.replace("\\t", "\t"), compileAndRun(src));
    }
}
