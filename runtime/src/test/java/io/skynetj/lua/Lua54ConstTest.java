package io.skynetj.lua;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.skynetj.lua.lib.Libraries;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Lua 5.4's local attributes on our LuaJ (patches 0017, 0020): {@code <const>} and {@code <close>} locals
 * are read-only at compile time, unknown attributes and two {@code <close>} in one list are rejected.
 * Expected texts are stock {@code lua5.4}'s for the same chunks (closing: lua54-close-cases.txt).
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
        "local f <close> = nil f = 1 => c:1: attempt to assign to const variable 'f'",
        "local f <close> = nil local function g() f = 1 end => c:1: attempt to assign to const variable 'f'",
        "local a <close>, b <close> = nil, nil => c:1: multiple to-be-closed variables in local list",
        "local a, b <close>, c = 1, nil, 3 return a, b, c => 1\tnil\t3",
    })
    void localAttributes(String src, String expected) {
        assertEquals(expected.replace("\\t", "\t"), compileAndRun(src));
    }
}
