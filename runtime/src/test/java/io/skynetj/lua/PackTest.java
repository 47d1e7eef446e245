package io.skynetj.lua;

import static io.skynetj.testing.GoldenBytes.concat;
import static io.skynetj.testing.GoldenBytes.hex;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaDouble;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaThread;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.jse.JsePlatform;

/**
 * Golden bytes are skynet.pack's output as real skynet produces it (its lualib-src/lua-seri.c rules,
 * observed from a running skynet where a test says so); none are produced by Pack itself.
 */
class PackTest {
    private static final Globals LUA = JsePlatform.standardGlobals();

    private static byte[] repeat(String hexBytes, int times) {
        return hex(hexBytes.repeat(times));
    }

    private static void assertPacks(String expectedHex, LuaValue... args) {
        assertEquals(hex(hex(expectedHex)), hex(Pack.pack(LuaValue.varargsOf(args))));
    }

    private static LuaValue lua(String expr) {
        return LUA.load("return " + expr).call();
    }

    /** A Lua integer. */
    private static LuaValue n(long i) {
        return LuaValue.valueOf(i);
    }

    /** A Lua float. */
    private static LuaValue n(double d) {
        return LuaValue.valueOf(d);
    }

    private static LuaString bytes(int len, int fill) {
        byte[] b = new byte[len];
        Arrays.fill(b, (byte) fill);
        return LuaString.valueOf(b);
    }

    private static void assertInvalid(String expectedMessage, String streamHex) {
        LuaError e = assertThrows(LuaError.class, () -> Pack.unpack(hex(streamHex)));
        assertEquals(expectedMessage, e.getMessage());
    }

    private static LuaTable nest(int levels, LuaValue innermost) {
        LuaTable t = innermost == null ? new LuaTable() : LuaValue.listOf(new LuaValue[] {innermost});
        for (int i = 1; i < levels; i++) {
            t = LuaValue.listOf(new LuaValue[] {t});
        }
        return t;
    }

    /** Deep raw equality of two Lua values (tables compared key by key, both ways). */
    private static void assertLuaEquals(LuaValue expected, LuaValue actual) {
        if (!expected.istable()) {
            assertTrue(expected.raweq(actual), () -> "expected " + expected + " but was " + actual);
            return;
        }
        assertTrue(actual.istable(), () -> "expected a table but was " + actual);
        for (LuaTable[] pair : new LuaTable[][] {{expected.checktable(), actual.checktable()},
                {actual.checktable(), expected.checktable()}}) {
            LuaValue k = LuaValue.NIL;
            for (Varargs e = pair[0].next(k); !(k = e.arg1()).isnil(); e = pair[0].next(k)) {
                assertTrue(!pair[1].rawget(k).isnil(), "missing key " + k);
            }
        }
        LuaValue k = LuaValue.NIL;
        for (Varargs e = expected.next(k); !(k = e.arg1()).isnil(); e = expected.next(k)) {
            assertLuaEquals(e.arg(2), actual.rawget(k));
        }
    }

    // ---- scalars -------------------------------------------------------------------------------------------

    @Test
    void nilAndBooleans() {
        assertPacks("00", LuaValue.NIL);
        assertPacks("01", LuaValue.FALSE);
        assertPacks("09", LuaValue.TRUE);
    }

    @Test
    void integerForms() {
        assertPacks("02", n(0));
        assertPacks("0a 01", n(1));
        assertPacks("0a ff", n(255));
        assertPacks("12 00 01", n(256));
        assertPacks("12 ff ff", n(65535));
        assertPacks("22 00 00 01 00", n(65536));
        assertPacks("22 ff ff ff 7f", n(0x7fffffff));
        assertPacks("22 ff ff ff ff", n(-1));
        assertPacks("22 00 ff ff ff", n(-256));
        assertPacks("22 00 00 00 80", n(-0x80000000));
        assertPacks("32 00 00 00 80 00 00 00 00", n(2147483648L));
        assertPacks("32 ff ff ff 7f ff ff ff ff", n(-2147483649L));
        assertPacks("32 ff ff ff ff ff ff ff 7f", n(Long.MAX_VALUE));
        assertPacks("32 01 00 00 00 00 00 20 00", lua("9007199254740993")); // 2^53+1, exact
    }

    @Test
    void floatsGoOutAsRealsEvenWhenIntegral() {
        // skynet on Lua 5.4 (lua-seri's pack_one): lua_isinteger decides, not the value
        assertPacks("42 00 00 00 00 00 00 08 40", n(3.0));
        assertPacks("42 00 00 00 00 00 00 08 40", lua("6 / 2"));
        assertPacks("0a 03", lua("3"));
        assertPacks("42 00 00 00 00 00 00 40 43", n(0x1p53));
        assertPacks("42 00 00 00 00 00 00 e0 43", n(0x1p63));
    }

    @Test
    void reals() {
        assertPacks("42 00 00 00 00 00 00 f8 3f", n(1.5));
        assertPacks("42 9a 99 99 99 99 99 b9 3f", n(0.1));
        assertPacks("42 00 00 00 00 00 00 f0 7f", n(Double.POSITIVE_INFINITY));
        assertPacks("42 00 00 00 00 00 00 f0 ff", n(Double.NEGATIVE_INFINITY));
        assertPacks("42 00 00 00 00 00 00 f8 ff", LuaDouble.NAN); // observed NaN bytes
        assertPacks("42 00 00 00 00 00 00 f8 ff", lua("0/0"));
    }

    @Test
    void negativeZeroGoesOutAsARealLikeSkynet() {
        assertPacks("42 00 00 00 00 00 00 00 80", n(-0.0)); // the bytes real skynet sends for -0.0
        double back = Pack.unpack(hex("42 00 00 00 00 00 00 00 80")).arg1().todouble();
        assertEquals(Long.MIN_VALUE, Double.doubleToRawLongBits(back), "sign of zero kept");
        assertPacks("42 00 00 00 00 00 00 00 00", n(0.0));
    }

    @Test
    void decodesIntegerForms() {
        assertEquals(0, Pack.unpack(hex("02")).arg1().toint());
        assertEquals(255, Pack.unpack(hex("0a ff")).arg1().toint()); // 1- and 2-byte forms are unsigned
        assertEquals(65535, Pack.unpack(hex("12 ff ff")).arg1().toint());
        assertEquals(-1, Pack.unpack(hex("22 ff ff ff ff")).arg1().toint()); // 4-byte form is signed
        assertEquals(2147483648.0, Pack.unpack(hex("32 00 00 00 80 00 00 00 00")).arg1().todouble());
        assertEquals(-0x1p63, Pack.unpack(hex("32 00 00 00 00 00 00 00 80")).arg1().todouble());
        assertTrue(Pack.unpack(hex("22 ff ff ff 7f")).arg1() instanceof org.luaj.vm2.LuaInteger);
    }

    @Test
    void int64BeyondTwoToThe53StaysExact() {
        assertEquals((1L << 53) + 1, Pack.unpack(hex("32 01 00 00 00 00 00 20 00")).arg1().tolong());
        assertEquals(Long.MAX_VALUE, Pack.unpack(hex("32 ff ff ff ff ff ff ff 7f")).arg1().tolong());
        Varargs both = Pack.unpack(hex("32 ff ff ff ff ff ff ff 7f 42 00 00 00 00 00 00 f0 3f"));
        assertTrue(both.arg(1) instanceof org.luaj.vm2.LuaInteger && both.arg(2) instanceof org.luaj.vm2.LuaDouble, "integer, then float");
    }

    @Test
    void decodesReals() {
        assertEquals(1.0, Pack.unpack(hex("42 00 00 00 00 00 00 f0 3f")).arg1().todouble()); // observed 1.0
        assertEquals(1.5, Pack.unpack(hex("42 00 00 00 00 00 00 f8 3f")).arg1().todouble());
        assertTrue(Double.isNaN(Pack.unpack(hex("42 00 00 00 00 00 00 f8 ff")).arg1().todouble()));
        assertEquals(Double.POSITIVE_INFINITY, Pack.unpack(hex("42 00 00 00 00 00 00 f0 7f")).arg1().todouble());
    }

    @Test
    void decodesNilAndBooleanCookiesLikeLuaSeri() {
        // push_value ignores a nil's cookie and passes a boolean's cookie to lua_pushboolean.
        assertSame(LuaValue.NIL, Pack.unpack(hex("08")).arg1());
        assertSame(LuaValue.FALSE, Pack.unpack(hex("01")).arg1());
        assertSame(LuaValue.TRUE, Pack.unpack(hex("09")).arg1());
        assertSame(LuaValue.TRUE, Pack.unpack(hex("11")).arg1());
    }

    // ---- strings -------------------------------------------------------------------------------------------

    @Test
    void shortStrings() {
        assertPacks("04", LuaValue.valueOf(""));
        assertPacks("0c 78", LuaValue.valueOf("x"));
        assertEquals(hex(concat(hex("fc"), repeat("61", 31))), hex(Pack.pack(bytes(31, 'a'))));
    }

    @Test
    void longStringsAtLengthBoundaries() {
        assertEquals(hex(concat(hex("15 20 00"), repeat("61", 32))), hex(Pack.pack(bytes(32, 'a'))));
        assertArrayEquals(concat(hex("15 ff ff"), repeat("62", 65535)), Pack.pack(bytes(65535, 'b')));
        assertArrayEquals(concat(hex("25 00 00 01 00"), repeat("63", 65536)), Pack.pack(bytes(65536, 'c')));
    }

    @Test
    void stringsAreRawBytes() {
        byte[] all = new byte[256];
        for (int i = 0; i < 256; i++) {
            all[i] = (byte) i;
        }
        LuaString s = LuaString.valueOf(all);
        byte[] packed = Pack.pack(s);
        assertArrayEquals(concat(hex("15 00 01"), all), packed);
        assertTrue(s.raweq(Pack.unpack(packed).arg1()));
        assertPacks("1c c3 a9 ff", LuaString.valueOf(new byte[] {(byte) 0xc3, (byte) 0xa9, (byte) 0xff}));
    }

    @Test
    void decodesStringsOfEveryForm() {
        assertEquals("", Pack.unpack(hex("04")).arg1().tojstring());
        assertEquals("xy", Pack.unpack(hex("14 78 79")).arg1().tojstring());
        assertEquals("A".repeat(32), Pack.unpack(concat(hex("15 20 00"), repeat("41", 32))).arg1().tojstring());
        assertEquals("B".repeat(3), Pack.unpack(hex("25 03 00 00 00 42 42 42")).arg1().tojstring());
    }

    // ---- tables --------------------------------------------------------------------------------------------

    @Test
    void observedTableSamples() {
        assertPacks("06 00", lua("{}"));
        assertPacks("1e 0a 01 0a 02 0a 03 00", lua("{1,2,3}"));
        assertPacks("06 0c 78 0a 01 00", lua("{x=1}"));
        assertPacks("16 0a 01 0a 02 0c 78 0c 79 00", lua("{1,2,x='y'}"));
        assertPacks("0e 06 00 00", lua("{{}}"));
    }

    @Test
    void arrayOf31UsesTheCountPrefix() {
        StringBuilder elements = new StringBuilder();
        for (int i = 1; i <= 31; i++) {
            elements.append(String.format("0a %02x ", i));
        }
        assertPacks("fe 0a 1f " + elements + "00", lua("{" + "1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,16,17,18,19,20,"
                + "21,22,23,24,25,26,27,28,29,30,31}"));
        StringBuilder thirty = new StringBuilder();
        for (int i = 1; i <= 30; i++) {
            thirty.append("09 ");
        }
        assertPacks("f6 " + thirty + "00", lua("(function() local t = {} for i = 1, 30 do t[i] = true end return t end)()"));
    }

    @Test
    void arrayOf300() {
        byte[] packed = Pack.pack(lua("(function() local t = {} for i = 1, 300 do t[i] = 0 end return t end)()"));
        assertArrayEquals(concat(hex("fe 12 2c 01"), repeat("02", 300), hex("00")), packed);
    }

    @Test
    void integerKeysInsideTheBorderGoToTheArrayPart() {
        assertPacks("06 0a 05 0a 01 00", lua("{[5]=1}"));
        assertPacks("16 0c 61 0c 62 00", lua("{'a', [2.0]='b'}"));
        assertPacks("0e 0c 61 0a 03 0c 63 00", lua("{'a', [3]='c'}"));
    }

    @Test
    void floatAndBigIntegerKeys() {
        assertPacks("06 42 00 00 00 00 00 00 f8 3f 0a 01 00", lua("{[1.5]=1}"));
        assertPacks("06 32 00 00 00 00 00 01 00 00 09 00", lua("{[2^40]=true}"));
        assertPacks("06 22 ff ff ff ff 01 00", lua("{[-1]=false}"));
        assertPacks("0e 0c 61 00", lua("{[1.0]='a'}"));
    }

    @Test
    void decodesArrayWithNilElement() {
        // {[1]=1,[2]=2,[4]=4} as sent by real skynet (observed): a border of 4 with a nil at 3.
        LuaTable t = Pack.unpack(hex("26 0a 01 0a 02 00 0a 04 00")).arg1().checktable();
        assertEquals(1, t.rawget(1).toint());
        assertEquals(2, t.rawget(2).toint());
        assertTrue(t.rawget(3).isnil());
        assertEquals(4, t.rawget(4).toint());
        // LuaJ's raw # of that table is the other border, 2, so 4 goes to the hash part; the result is the same table.
        LuaValue sameTable = lua("{[1]=1,[2]=2,[4]=4}");
        assertLuaEquals(t, Pack.unpack(Pack.pack(sameTable)).arg1());
        assertLuaEquals(t, sameTable);
    }

    @Test
    void decodesObservedSamples() {
        assertLuaEquals(lua("{1,2,x='y'}"), Pack.unpack(hex("16 0a 01 0a 02 0c 78 0c 79 00")).arg1());
        assertLuaEquals(lua("{{}}"), Pack.unpack(hex("0e 06 00 00")).arg1());
        assertLuaEquals(lua("{x=1}"), Pack.unpack(hex("06 0c 78 0a 01 00")).arg1());
        // The array count may also be sent with a wider integer form than needed.
        assertLuaEquals(lua("{7}"), Pack.unpack(hex("fe 22 01 00 00 00 0a 07 00")).arg1());
        assertLuaEquals(lua("{}"), Pack.unpack(hex("fe 02 00")).arg1());
    }

    @Test
    void pairsMetamethodReplacesArrayAndHash() {
        LuaValue proxied = lua("setmetatable({1, 2, z=3}, {__pairs = function(t) return next, {[1]=7}, nil end})");
        assertPacks("06 0a 01 0a 07 00", proxied);
    }

    @Test
    void lenMetamethodIsIgnored() {
        assertPacks("16 0a 01 0a 02 00", lua("setmetatable({1, 2}, {__len = function() return 5 end})"));
    }

    // ---- depth ---------------------------------------------------------------------------------------------

    @Test
    void valueInside32NestedTablesPacks() {
        assertArrayEquals(concat(repeat("0e", 32), hex("0a 01"), repeat("00", 32)), Pack.pack(nest(32, n(1))));
    }

    @Test
    void empty33rdLevelTablePacks() {
        assertArrayEquals(concat(repeat("0e", 32), hex("06 00"), repeat("00", 32)), Pack.pack(nest(33, null)));
    }

    @Test
    void tooDeepTableFails() {
        LuaError e = assertThrows(LuaError.class, () -> Pack.pack(nest(33, n(1))));
        assertEquals("serialize can't pack too depth table", e.getMessage());
        e = assertThrows(LuaError.class, () -> Pack.pack(nest(34, null)));
        assertEquals("serialize can't pack too depth table", e.getMessage());
    }

    @Test
    void cyclicTableHitsTheDepthLimit() {
        LuaError e = assertThrows(LuaError.class, () -> Pack.pack(lua("(function() local t = {} t.self = t return t end)()")));
        assertEquals("serialize can't pack too depth table", e.getMessage());
    }

    @Test
    void unpackHasNoDepthLimit() {
        byte[] deep = concat(repeat("0e", 100), hex("06 00"), repeat("00", 100));
        LuaValue v = Pack.unpack(deep).arg1();
        for (int i = 0; i < 100; i++) {
            v = v.rawget(1);
        }
        assertTrue(v.istable());
    }

    @Test
    void hostileNestingFailsAsLuaError() {
        LuaError e = assertThrows(LuaError.class, () -> Pack.unpack(repeat("0e", 1_000_000)));
        assertEquals("stack overflow", e.getMessage());
    }

    // ---- unsupported types ---------------------------------------------------------------------------------

    @Test
    void unsupportedTypes() {
        LuaValue f = lua("print");
        assertEquals("Unsupport type function to serialize",
                assertThrows(LuaError.class, () -> Pack.pack(f)).getMessage());
        assertEquals("Unsupport type thread to serialize",
                assertThrows(LuaError.class, () -> Pack.pack(new LuaThread(LUA, f))).getMessage());
        assertEquals("Unsupport type userdata to serialize",
                assertThrows(LuaError.class, () -> Pack.pack(LuaValue.userdataOf(new Object()))).getMessage());
        assertEquals("Unsupport type function to serialize",
                assertThrows(LuaError.class, () -> Pack.pack(lua("{x = {print}}"))).getMessage());
    }

    /** A light userdata is lua-seri's pointer: type 3 and the 8 bytes of its address, read back as the same value. */
    @Test
    void lightUserdataTravelsAsItsAddress() {
        LuaValue p = Pointer.value(0x1122334455667788L);
        byte[] packed = Pack.pack(p);
        assertArrayEquals(hex("03 88 77 66 55 44 33 22 11"), packed);
        LuaValue back = Pack.unpack(packed).arg1();
        assertEquals(0x1122334455667788L, Pointer.address(back));
        assertTrue(back.raweq(p), "the same light userdata");
        // a message payload (skynet.pack's result) goes out as a pointer to its bytes
        LuaValue msg = Payload.wrap(new byte[] {1, 2, 3});
        LuaValue sent = Pack.unpack(Pack.pack(msg)).arg1();
        assertArrayEquals(new byte[] {1, 2}, Payload.bytes(LuaValue.varargsOf(sent, LuaValue.valueOf(2)), 1));
        Pointer.free(sent);
        assertThrows(LuaError.class, () -> Payload.bytes(LuaValue.varargsOf(sent, LuaValue.valueOf(2)), 1));
    }

    // ---- multiple values -----------------------------------------------------------------------------------

    @Test
    void multipleArgsWithNils() {
        assertPacks("0a 01 00 00", n(1), LuaValue.NIL, LuaValue.NIL);
        Varargs back = Pack.unpack(hex("0a 01 00 00"));
        assertEquals(3, back.narg());
        assertEquals(1, back.arg1().toint());
        assertTrue(back.arg(2).isnil() && back.arg(3).isnil());
        assertPacks("00 0a 01", LuaValue.NIL, n(1));
    }

    @Test
    void typicalMessage() {
        assertPacks("1c 67 65 74 0a 2a 15 20 00 " + "61 ".repeat(32) + "09 06 0c 6b 22 ff ff ff ff 00",
                LuaValue.valueOf("get"), n(42), bytes(32, 'a'), LuaValue.TRUE, lua("{k=-1}"));
        Varargs back = Pack.unpack(Pack.pack(LuaValue.varargsOf(new LuaValue[] {LuaValue.valueOf("get"), n(42),
                bytes(32, 'a'), LuaValue.TRUE, lua("{k=-1}")})));
        assertEquals(5, back.narg());
        assertEquals("get", back.arg1().tojstring());
        assertEquals(-1, back.arg(5).get("k").toint());
    }

    @Test
    void noValues() {
        assertEquals(0, Pack.pack(LuaValue.NONE).length);
        assertEquals(0, Pack.unpack(new byte[0]).narg());
    }

    @Test
    void manyValues() {
        LuaValue[] values = new LuaValue[20];
        for (int i = 0; i < values.length; i++) {
            values[i] = n(i);
        }
        Varargs back = Pack.unpack(Pack.pack(LuaValue.varargsOf(values)));
        assertEquals(20, back.narg());
        for (int i = 0; i < values.length; i++) {
            assertEquals(i, back.arg(i + 1).toint());
        }
    }

    @Test
    void unpackHonoursOffsetAndLength() {
        byte[] framed = hex("ff ff 0a 07 0c 78 ff");
        Varargs v = Pack.unpack(framed, 2, 4);
        assertEquals(2, v.narg());
        assertEquals(7, v.arg1().toint());
        assertEquals("x", v.arg(2).tojstring());
        assertEquals(0, Pack.unpack(framed, 7, 0).narg());
        assertThrows(IndexOutOfBoundsException.class, () -> Pack.unpack(framed, 5, 3));
    }

    // ---- round trips ---------------------------------------------------------------------------------------

    @Test
    void roundTripsNestedMixedTables() {
        LuaValue t = lua("{1, 'two', 3.5, {x = {y = {true, false}}, [10] = 'ten'}, [-3] = 2^40, [0.5] = 'half',"
                + " s = string.rep('z', 70000), [true] = 'yes', big = -2^62}");
        assertLuaEquals(t, Pack.unpack(Pack.pack(t)).arg1());
    }

    @Test
    void roundTripsScalars() {
        LuaValue[] values = {LuaValue.NIL, LuaValue.TRUE, n(0), n(-7), n(300), n(70000), n(-0x1p40), n(0.25),
                n(Double.NEGATIVE_INFINITY), LuaValue.valueOf("hé")};
        Varargs back = Pack.unpack(Pack.pack(LuaValue.varargsOf(values)));
        assertEquals(values.length, back.narg());
        for (int i = 0; i < values.length; i++) {
            assertLuaEquals(values[i], back.arg(i + 1));
        }
    }

    // ---- malformed streams ---------------------------------------------------------------------------------

    @Test
    void unknownTypeOrCookie() {
        assertInvalid("Invalid serialize stream 0 (line:397)", "1a"); // number cookie 3
        assertInvalid("Invalid serialize stream 2 (line:397)", "4a 00 00"); // number cookie 9
        assertInvalid("Invalid serialize stream 0 (line:517)", "07");
        assertInvalid("Invalid serialize stream 7 (line:427)", "03 00 00 00 00 00 00 00"); // a pointer cut short
        assertInvalid("Invalid serialize stream 0 (line:500)", "0d"); // long string cookie 1
        assertInvalid("Invalid serialize stream 4 (line:500)", "1d 04 00 00 00");
    }

    @Test
    void badTableCount() {
        assertInvalid("Invalid serialize stream 0 (line:440)", "fe");
        assertInvalid("Invalid serialize stream 8 (line:445)", "fe 42 00 00 00 00 00 00 f0 3f");
        assertInvalid("Invalid serialize stream 1 (line:445)", "fe 0c 61");
    }

    @Test
    void truncatedStreams() {
        assertInvalid("Invalid serialize stream 0 (line:368)", "0a");
        assertInvalid("Invalid serialize stream 1 (line:376)", "12 01");
        assertInvalid("Invalid serialize stream 3 (line:384)", "22 01 02 03");
        assertInvalid("Invalid serialize stream 7 (line:392)", "32 01 02 03 04 05 06 07");
        assertInvalid("Invalid serialize stream 3 (line:407)", "42 00 00 00");
        assertInvalid("Invalid serialize stream 1 (line:427)", "14 78");
        assertInvalid("Invalid serialize stream 1 (line:493)", "15 20");
        assertInvalid("Invalid serialize stream 2 (line:427)", "15 20 00 41 41");
        assertInvalid("Invalid serialize stream 3 (line:504)", "25 00 00 01");
        assertInvalid("Invalid serialize stream 1 (line:427)", "25 ff ff ff ff 41");
        assertInvalid("Invalid serialize stream 0 (line:368)", "fe 0a");
    }

    @Test
    void truncatedTables() {
        assertInvalid("Invalid serialize stream 0 (line:528)", "06");
        assertInvalid("Invalid serialize stream 0 (line:528)", "1e 0a 01 0a 02 0a 03"); // no terminator
        assertInvalid("Invalid serialize stream 0 (line:528)", "16 0a 01"); // missing element
        assertInvalid("Invalid serialize stream 0 (line:528)", "06 0c 78"); // key without value
        assertInvalid("Invalid serialize stream 0 (line:528)", "fe 12 2c 01 02 02");
    }

    @Test
    void everyProperPrefixOfAValidStreamFails() {
        byte[] full = Pack.pack(lua("{1, 'two', {x = 2^40, y = 1.5}, [-1] = string.rep('q', 40)}"));
        for (int len = 1; len < full.length; len++) {
            byte[] prefix = Arrays.copyOf(full, len);
            LuaError e = assertThrows(LuaError.class, () -> Pack.unpack(prefix), "prefix of length " + len);
            assertTrue(e.getMessage().startsWith("Invalid serialize stream "), e.getMessage());
        }
    }

    @Test
    void nanTableKeyIsRejected() {
        LuaError e = assertThrows(LuaError.class, () -> Pack.unpack(hex("06 42 00 00 00 00 00 00 f8 ff 0a 01 00")));
        assertEquals("index is NaN", e.getMessage());
    }
}
