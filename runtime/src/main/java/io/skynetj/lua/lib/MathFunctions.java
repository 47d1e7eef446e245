package io.skynetj.lua.lib;

import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaInteger;
import org.luaj.vm2.LuaNumbers;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * The math functions of Lua 5.4 that LuaJ lacks or has as 5.2: integer results and arguments go
 * through the integer API ({@link LuaValue#valueOf(long)}, {@link LuaInteger}), so they are exact
 * 64-bit integers once the VM has the integer subtype; and a random generator per service.
 */
final class MathFunctions {
    private MathFunctions() {}

    static void install(LuaTable math) {
        math.set("tointeger", LuaFn.of("tointeger", MathFunctions::toInteger));
        math.set("type", LuaFn.of("type", MathFunctions::type));
        math.set("ult", LuaFn.of("ult", a -> LuaValue.valueOf(Long.compareUnsigned(Args.integer(a, 1, "ult"), Args.integer(a, 2, "ult")) < 0)));
        math.set("floor", LuaFn.of("floor", a -> rounded(a, "floor", Math.floor(Args.number(a, 1, "floor")))));
        math.set("ceil", LuaFn.of("ceil", a -> rounded(a, "ceil", Math.ceil(Args.number(a, 1, "ceil")))));
        math.set("abs", LuaFn.of("abs", MathFunctions::abs));
        math.set("modf", LuaFn.of("modf", MathFunctions::modf));
        // Lua 5.4's atan takes the x of atan2 as an optional second argument
        math.set("atan", LuaFn.of("atan", a -> LuaValue.valueOf(Math.atan2(Args.number(a, 1, "atan"),
            a.isnoneornil(2) ? 1.0 : Args.number(a, 2, "atan")))));
        math.set("fmod", LuaFn.of("fmod", MathFunctions::fmod));
        math.set("maxinteger", LuaValue.valueOf(Long.MAX_VALUE));
        math.set("mininteger", LuaValue.valueOf(Long.MIN_VALUE));
        math.set("log", LuaFn.of("log", MathFunctions::log));
        math.set("max", LuaFn.of("max", a -> extreme(a, "max")));
        math.set("min", LuaFn.of("min", a -> extreme(a, "min")));
    }

    /** math.log(x [, base]) of Lua 5.4 (LuaJ ignored the base): base 2 and 10 exact for their powers, as C's log2/log10. */
    private static Varargs log(Varargs a) {
        double x = Args.number(a, 1, "log");
        if (a.arg(2).isnil()) return LuaValue.valueOf(Math.log(x));
        double base = Args.number(a, 2, "log");
        if (base == 2.0) return LuaValue.valueOf(log2(x));
        if (base == 10.0) return LuaValue.valueOf(Math.log10(x));
        return LuaValue.valueOf(Math.log(x) / Math.log(base));
    }

    /** log2 with an exact result for powers of two: the binary exponent plus the log of the mantissa. */
    private static double log2(double x) {
        int e = Math.getExponent(x);
        if (!(x > 0) || e > Double.MAX_EXPONENT || e < Double.MIN_EXPONENT) return Math.log(x) / Math.log(2); // 0, negative, NaN, inf, subnormal
        return e + Math.log(x / Math.scalb(1.0, e)) / Math.log(2);
    }

    /** math.max/min: the argument itself, so an integer stays an integer; compared exactly as Lua's {@code <}. */
    private static Varargs extreme(Varargs a, String name) {
        Args.check(a.narg() > 0, 1, name, "value expected");
        LuaValue best = a.arg1().tonumber();
        for (int i = 2; i <= a.narg(); i++) {
            Args.number(a, i, name);
            LuaValue x = a.arg(i).tonumber();
            if (name.equals("max") ? best.lt_b(x) : x.lt_b(best)) best = x;
        }
        return best;
    }

    private static boolean isInteger(LuaValue v) {
        return v instanceof LuaInteger;
    }

    /** An integer argument as it is; a float rounded to an integer if one holds it, else the float. */
    private static Varargs rounded(Varargs a, String name, double r) {
        LuaValue x = a.arg1().tonumber();
        if (isInteger(x)) return x;
        return LuaNumbers.fitsInteger(r) ? LuaValue.valueOf((long) r) : LuaValue.valueOf(r);
    }

    /** math.tointeger(x): x as an integer if it (or the numeral it is) has an exact integer value, else fail. */
    private static Varargs toInteger(Varargs a) {
        if (a.narg() == 0) throw Args.bad(1, "tointeger", "value expected");
        LuaInteger i = LuaNumbers.toInteger(a.arg1());
        return i != null ? i : LuaValue.NIL;
    }

    private static Varargs type(Varargs a) {
        if (a.narg() == 0) throw Args.bad(1, "type", "value expected");
        LuaValue x = a.arg1();
        if (!(x.type() == LuaValue.TNUMBER)) return LuaValue.NIL;
        return LuaValue.valueOf(isInteger(x) ? "integer" : "float");
    }

    private static Varargs abs(Varargs a) {
        LuaValue x = a.arg1().tonumber();
        if (isInteger(x)) return LuaValue.valueOf(Math.abs(x.tolong())); // wraps at mininteger, as in Lua
        return LuaValue.valueOf(Math.abs(Args.number(a, 1, "abs")));
    }

    /** math.modf(x): the integral part (an integer where one holds it) and the fractional part, a float. */
    private static Varargs modf(Varargs a) {
        LuaValue x = a.arg1().tonumber();
        if (isInteger(x)) return LuaValue.varargsOf(x, LuaValue.valueOf(0.0));
        double d = Args.number(a, 1, "modf");
        double whole = d < 0 ? Math.ceil(d) : Math.floor(d);
        LuaValue integral = LuaNumbers.fitsInteger(whole) ? LuaValue.valueOf((long) whole) : LuaValue.valueOf(whole);
        return LuaValue.varargsOf(integral, LuaValue.valueOf(d == whole ? 0.0 : d - whole));
    }

    private static Varargs fmod(Varargs a) {
        LuaValue x = a.arg(1).tonumber(), y = a.arg(2).tonumber();
        if (isInteger(x) && isInteger(y)) {
            long d = y.tolong();
            if (d == 0) throw Args.bad(2, "fmod", "zero");
            return LuaValue.valueOf(d == -1 ? 0 : x.tolong() % d); // -1: mininteger % -1 overflows in C
        }
        return LuaValue.valueOf(Args.number(a, 1, "fmod") % Args.number(a, 2, "fmod")); // Java's % on doubles is C's fmod
    }

    /** Puts a fresh random/randomseed pair, sharing one generator, into {@code math}. */
    static void installRandom(LuaTable math) {
        Xoshiro256 generator = Xoshiro256.seededFromClock();
        math.set("random", LuaFn.of("random", a -> random(generator, a)));
        math.set("randomseed", LuaFn.of("randomseed", a -> {
            long n1, n2;
            if (a.narg() == 0) {
                n1 = System.nanoTime() ^ System.identityHashCode(generator);
                n2 = generator.next();
            } else {
                n1 = Args.integer(a, 1, "randomseed");
                n2 = Args.optInteger(a, 2, "randomseed", 0);
            }
            generator.seed(n1, n2);
            return LuaValue.varargsOf(LuaValue.valueOf(n1), LuaValue.valueOf(n2));
        }));
    }

    /** math.random as Lua 5.4: () a float in [0,1), (0) all 64 bits, (m) in [1,m], (m, n) in [m,n]. */
    private static Varargs random(Xoshiro256 generator, Varargs a) {
        long bits = generator.next();
        long low, up;
        switch (a.narg()) {
            case 0:
                return LuaValue.valueOf((bits >>> 11) * 0x1p-53);
            case 1:
                low = 1;
                up = Args.integer(a, 1, "random");
                if (up == 0) return LuaValue.valueOf(bits);
                break;
            case 2:
                low = Args.integer(a, 1, "random");
                up = Args.integer(a, 2, "random");
                break;
            default:
                throw new LuaError("wrong number of arguments");
        }
        Args.check(low <= up, 1, "random", "interval is empty");
        return LuaValue.valueOf(generator.below(bits, up - low) + low);
    }
}
