package io.skynetj.lua;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.skynetj.lua.lib.Libraries;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * Lua 5.4's two number subtypes on our LuaJ (patch 0014): every expected value is what stock
 * {@code lua5.4} (5.4.4, glibc x86-64) prints for the same chunk, results joined by tabs.
 */
class Lua54NumbersTest {

    /** Runs {@code src} in a function of chunk {@code @n.lua}: its results joined by tabs, or false and the error. */
    static String run(String src) {
        Varargs r = Libraries.standardGlobals().load("return pcall(function() " + src + " end)", "@n.lua").invoke();
        StringBuilder sb = new StringBuilder();
        int first = r.arg1().toboolean() ? 2 : 1;
        for (int i = first; i <= r.narg(); i++) {
            if (i > first) sb.append('\t');
            LuaValue v = r.arg(i);
            sb.append(v.tojstring());
        }
        return sb.toString();
    }

    @ParameterizedTest(name = "{0} => {1}")
    @CsvSource(delimiterString = "=>", quoteCharacter = '`', value = {
        // subtypes and printing
        "return 10 / 2, 3 * 1.0, 2^53, -0.0, 1e15, 1e100 => 5.0\t3.0\t9.007199254741e+15\t-0.0\t1e+15\t1e+100",
        "return math.huge, -math.huge, 0/0, -(0/0) => inf\t-inf\t-nan\tnan",
        "return math.type(1), math.type(1.0), math.type('1'), 1 == 1.0 => integer\tfloat\tnil\ttrue",
        "return 1234567890123456789, math.maxinteger, math.mininteger => 1234567890123456789\t9223372036854775807\t-9223372036854775808",
        "return 123456789012.0, 2^31, 100000000000000 => 123456789012.0\t2147483648.0\t100000000000000",
        // integer arithmetic wraps, floats stay floats
        "return math.maxinteger + 1, math.maxinteger * 2, math.mininteger - 1 => -9223372036854775808\t-2\t9223372036854775807",
        "return 7 % -3, -7 % 3, 7.5 % 2, -7.5 % 2, 5.3 % -2, math.mininteger % -1 => -2\t2\t1.5\t0.5\t-0.7\t0",
        "return 3 % math.huge, -3 % math.huge, 1 % 0.0 => 3.0\tinf\t-nan",
        "return 1 % 0 => false\tn.lua:1: attempt to perform 'n%0'",
        "return 2^2, 7 / 7, -7 / 2, 1 / 0.0, -1 / 0 => 4.0\t1.0\t-3.5\tinf\t-inf",
        // exact comparisons across subtypes
        "return 2^53 == 2^53 + 1, math.maxinteger + 0.0 == math.maxinteger, math.maxinteger < math.maxinteger + 0.0 => true\tfalse\ttrue",
        "return 9007199254740993 < 2^53 + 2, 9007199254740993 == 2^53, 2^63 > math.maxinteger, -2^63 <= math.mininteger => true\tfalse\ttrue\ttrue",
        "return 1 < 1.5, 2 <= 2.0, -1 > -1.5, 0/0 < 1, 1 < 0/0 => true\ttrue\ttrue\tfalse\tfalse",
        // strings to numbers
        "return '10' + 1, '3.0' + 1, '0x10' + 0, '1e2' + 0, -'2', - '2.0' => 11\t4.0\t16\t100.0\t-2\t-2.0",
        "return 9223372036854775807 + 0, 9223372036854775808, 0xffffffffffffffff, 0x7fffffffffffffffff => 9223372036854775807\t9.2233720368548e+18\t-1\t-1",
        "return 0x10p1, 0xA.8, .5, 5., 0x.1, 1e2 => 32.0\t10.5\t0.5\t5.0\t0.0625\t100.0",
        "return tonumber('  0x1p4  '), tonumber('10', 16), tonumber('zz', 36), tonumber('1e1'), tonumber(' 10 ') => 16.0\t16\t1295\t10.0\t10",
        "return tonumber('0x'), tonumber('1 2'), tonumber('inf'), tonumber('1e'), tonumber('-ff', 16) => nil\tnil\tnil\tnil\t-255",
        "return 'a' + 1 => false\tn.lua:1: attempt to add a 'string' with a 'number'",
        "return {} + 'a' => false\tn.lua:1: attempt to add a 'table' with a 'string'",
        // table keys: a float with an integer value is that integer
        "local t = {} t[1.0] = 'a' t[2^53] = 'b' return t[1], t[math.tointeger(2^53)], #t, math.type(next(t)) => a\tb\t1\tinteger",
        // numeric for
        "local s = '' for i = math.maxinteger - 2, math.maxinteger do s = s .. i .. ' ' end return s => `9223372036854775805 9223372036854775806 9223372036854775807 `",
        "local s = '' for i = math.mininteger + 2, math.mininteger, -1 do s = s .. i .. ' ' end return s => `-9223372036854775806 -9223372036854775807 -9223372036854775808 `",
        "local s = '' for i = 1.0, 3 do s = s .. i .. ' ' end for i = 1, 2.5 do s = s .. i .. ' ' end return s => `1.0 2.0 3.0 1 2 `",
        "local s = '' for i = 1.5, -1, -0.5 do s = s .. i .. ' ' end for i = 1, 0 do s = s .. 'x' end return s => `1.5 1.0 0.5 0.0 -0.5 -1.0 `",
        "for i = 1, 2, 0 do end => false\tn.lua:1: 'for' step is zero",
        "for i = {}, 2 do end => false\tn.lua:1: bad 'for' initial value (number expected, got table)",
        "local n = 0 for i = '1', 2 do n = n + 1 end return n => 2",
        // library functions
        "return math.floor(3.5), math.ceil(-3.5), math.floor(1e100), math.abs(math.mininteger), math.max(1, 2.5), math.min(3, 1) => 3\t-3\t1e+100\t-9223372036854775808\t2.5\t1",
        "return math.tointeger(3.0), math.tointeger(3.5), math.tointeger(2^63), math.ult(1, -1), math.fmod(-7, 3) => 3\tnil\tnil\ttrue\t-1",
        "return string.format('%d %x %5.1f %q', 3.0, -1, 2, 1/3) => 3 ffffffffffffffff   2.0 0x1.5555555555555p-2",
        "return string.format('%d', 1.5) => false\tn.lua:1: bad argument #2 to 'format' (number has no integer representation)",
        "return string.format('%q', math.mininteger), string.format('%q', 1e999) => 0x8000000000000000\t1e9999",
        "return math.type(os.time()), os.time{year = 2020, month = 1, day = 1, hour = 0} % 3600 => integer\t0",
        // binary chunks (patch 0016)
        "local a, b, c = load(string.dump(function() return 3, 3.0, 9007199254740993 end))() return a, b, c, math.type(a), math.type(b) => 3\t3.0\t9007199254740993\tinteger\tfloat",
    })
    void matchesLua54(String src, String expected) {
        assertEquals(expected.replace("\\t", "\t"), run(src));
    }
}
