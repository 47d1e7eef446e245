package io.skynetj.lua;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Lua 5.4's floor division and bitwise operators on our LuaJ (patch 0015): lexer, priorities,
 * constant folding, the new opcodes, metamethods and errors. Expected values are stock
 * {@code lua5.4}'s output for the same chunks.
 */
class Lua54OperatorsTest {

    @ParameterizedTest(name = "{0} => {1}")
    @CsvSource(delimiterString = "=>", quoteCharacter = '`', value = {
        "return 7 // 2, 7.0 // 2, -7 // 2, 7 // -2.0, 1.0 // 0, -1 // 0.0, 0.0 // 0 => 3\t3.0\t-4\t-4.0\tinf\t-inf\t-nan",
        "return 3 & 5, 3 | 5, 3 ~ 5, ~0, ~5 => 1\t7\t6\t-1\t-6",
        "return 1 << 4, 256 >> 4, -1 >> 1, 1 << 63, 1 << 64, 1 << -1, 8 >> -1, -1 << 70 => 16\t16\t9223372036854775807\t-9223372036854775808\t0\t0\t16\t0",
        "return 2^53 | 0, 3.0 & 1, '10' // '3', 7 // 0.5 => 9007199254740992\t1\t3\t14.0",
        // priorities (Lua 5.4): // with * and /; .. above << >>, then &, ~, |; ^ above unary operators
        "return 1 + 2 * 3 // 2, 2 ^ 2 // 3, 1 | 2 ~ 3 & 4 << 1, 7 % 3 // 1, -2 ^ 2, ~1 + 1 => 4\t1.0\t3\t1\t-4.0\t-1",
        "return 1 .. 2 << 1 => false\tn.lua:1: attempt to perform bitwise operation on a string value",
        "local a, b = 0xFF, 4 return a & b, a >> b, a << b, a ~ b, a // b, ~a, a | b => 4\t15\t4080\t251\t63\t-256\t255",
        "return math.maxinteger // -1, math.mininteger // -1 => -9223372036854775807\t-9223372036854775808",
        "return 1 // 0 => false\tn.lua:1: attempt to divide by zero",
        "local z = 0 return 1 // z => false\tn.lua:1: attempt to divide by zero",
        "return 1 & 1.5 => false\tn.lua:1: number has no integer representation",
        "local x = 1.5 return x | 1 => false\tn.lua:1: number (local 'x') has no integer representation",
        "return 2^64 | 0 => false\tn.lua:1: number has no integer representation",
        "return '3' | 1 => false\tn.lua:1: attempt to perform bitwise operation on a string value (constant '3')",
        "local t = {} return 1 | t => false\tn.lua:1: attempt to perform bitwise operation on a table value (local 't')",
        "local t = {} return t // 1 => false\tn.lua:1: attempt to perform arithmetic on a table value (local 't')",
        "local mt = {__idiv = function() return 'idiv' end, __band = function() return 'band' end, __bor = function() return 'bor' end, "
            + "__bxor = function() return 'bxor' end, __shl = function() return 'shl' end, __shr = function() return 'shr' end, "
            + "__bnot = function() return 'bnot' end} local t = setmetatable({}, mt) "
            + "return t // 1, 1 & t, t | 2, t ~ 3, t << 1, 1 >> t, ~t => idiv\tband\tbor\tbxor\tshl\tshr\tbnot",
        "local t = setmetatable({}, {__bnot = function(a, b) return rawequal(a, b) end}) return ~t => true",
    })
    void matchesLua54(String src, String expected) {
        assertEquals(expected.replace("\\t", "\t"), Lua54NumbersTest.run(src));
    }
}
