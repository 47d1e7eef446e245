package io.skynetj.lua.lib;

import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * Lua 5.2's bit32 library for older code, on Lua 5.4 integers: arguments are integers taken modulo
 * 2^32, results are integers from 0 to 0xFFFFFFFF. Lua 5.4 has no bit32, so it is not a global: a
 * service gets it with {@code require "bit32"} (package.preload).
 */
final class Bit32 {
    private Bit32() {}

    private static final long MASK = 0xFFFFFFFFL;

    /** A new bit32 table (each require in each service gets its own table of shared functions). */
    static LuaTable library() {
        LuaTable t = new LuaTable();
        t.set("band", LuaFn.of("band", a -> LuaValue.valueOf(fold(a, "band", MASK, '&'))));
        t.set("bor", LuaFn.of("bor", a -> LuaValue.valueOf(fold(a, "bor", 0, '|'))));
        t.set("bxor", LuaFn.of("bxor", a -> LuaValue.valueOf(fold(a, "bxor", 0, '^'))));
        t.set("btest", LuaFn.of("btest", a -> LuaValue.valueOf(fold(a, "btest", MASK, '&') != 0)));
        t.set("bnot", LuaFn.of("bnot", a -> LuaValue.valueOf(~arg(a, 1, "bnot") & MASK)));
        t.set("lshift", LuaFn.of("lshift", a -> LuaValue.valueOf(shift(arg(a, 1, "lshift"), Args.integer(a, 2, "lshift")))));
        t.set("rshift", LuaFn.of("rshift", a -> LuaValue.valueOf(shift(arg(a, 1, "rshift"), negate(Args.integer(a, 2, "rshift"))))));
        t.set("arshift", LuaFn.of("arshift", Bit32::arshift));
        t.set("lrotate", LuaFn.of("lrotate", a -> LuaValue.valueOf(rotate(arg(a, 1, "lrotate"), Args.integer(a, 2, "lrotate")))));
        t.set("rrotate", LuaFn.of("rrotate", a -> LuaValue.valueOf(rotate(arg(a, 1, "rrotate"), -Args.integer(a, 2, "rrotate")))));
        t.set("extract", LuaFn.of("extract", a -> {
            long n = arg(a, 1, "extract");
            int[] fw = field(a, 2, "extract");
            return LuaValue.valueOf((n >>> fw[0]) & mask(fw[1]));
        }));
        t.set("replace", LuaFn.of("replace", a -> {
            long n = arg(a, 1, "replace"), v = arg(a, 2, "replace");
            int[] fw = field(a, 3, "replace");
            long m = mask(fw[1]) << fw[0];
            return LuaValue.valueOf((n & ~m | (v << fw[0]) & m) & MASK);
        }));
        return t;
    }

    /** Argument {@code i} as an unsigned 32-bit value (an integer modulo 2^32). */
    private static long arg(Varargs a, int i, String name) {
        return Args.integer(a, i, name) & MASK;
    }

    private static long fold(Varargs a, String name, long start, char op) {
        long r = start;
        for (int i = 1; i <= a.narg(); i++) {
            long x = arg(a, i, name);
            r = op == '&' ? r & x : op == '|' ? r | x : r ^ x;
        }
        return r;
    }

    private static long negate(long n) {
        return n == Long.MIN_VALUE ? Long.MAX_VALUE : -n;
    }

    /** Left for a positive count, right (logical) for a negative one; 32 or more bits away give 0. */
    private static long shift(long x, long n) {
        if (n <= -32 || n >= 32) return 0;
        return (n >= 0 ? x << n : x >>> -n) & MASK;
    }

    private static Varargs arshift(Varargs a) {
        long x = arg(a, 1, "arshift"), n = Args.integer(a, 2, "arshift");
        if (n < 0 || (x & 0x80000000L) == 0) return LuaValue.valueOf(shift(x, negate(n)));
        return LuaValue.valueOf(n >= 32 ? MASK : ((int) x >> n) & MASK); // sign bits come in from the left
    }

    private static long rotate(long x, long n) {
        int k = (int) (n & 31);
        return ((x << k) | (x >>> (32 - k))) & MASK;
    }

    private static long mask(int width) {
        return width == 32 ? MASK : (1L << width) - 1;
    }

    /** extract/replace's field and width (default 1), checked with Lua 5.2's texts. */
    private static int[] field(Varargs a, int i, String name) {
        long f = Args.integer(a, i, name), w = Args.optInteger(a, i + 1, name, 1);
        Args.check(f >= 0, i, name, "field cannot be negative");
        Args.check(w > 0, i + 1, name, "width must be positive");
        if (f + w > 32) throw new LuaError("trying to access non-existent bits");
        return new int[] {(int) f, (int) w};
    }
}
