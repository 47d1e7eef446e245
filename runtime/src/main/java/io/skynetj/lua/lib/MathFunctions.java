package io.skynetj.lua.lib;

import java.util.Random;
import org.luaj.vm2.LuaDouble;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaInteger;
import org.luaj.vm2.LuaNumber;
import org.luaj.vm2.LuaNumbers;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * The math functions skynetj adds or replaces: Lua 5.4's integer functions (type, tointeger, ult,
 * maxinteger/mininteger, floor/ceil/abs/fmod/max/min keeping the integer subtype), and a random
 * generator per service.
 */
final class MathFunctions {
    private MathFunctions() {}

    /** Puts the integer-aware functions into {@code math}. */
    static void install(LuaTable math) {
        math.set("maxinteger", LuaValue.valueOf(Long.MAX_VALUE));
        math.set("mininteger", LuaValue.valueOf(Long.MIN_VALUE));
        math.set("type", LuaFn.of("type", a -> {
            LuaValue x = a.checkvalue(1);
            return x instanceof LuaInteger ? INTEGER : x instanceof LuaDouble ? FLOAT : LuaValue.NIL;
        }));
        math.set("tointeger", LuaFn.of("tointeger", a -> {
            LuaInteger i = LuaNumbers.toInteger(a.checkvalue(1)); // Lua 5.4.4 converts numeric strings too
            return i != null ? i : LuaValue.NIL;
        }));
        math.set("ult", LuaFn.of("ult", a -> LuaValue.valueOf(Long.compareUnsigned(integer(a, 1), integer(a, 2)) < 0)));
        math.set("floor", LuaFn.of("floor", a -> rounded(a, Math.floor(number(a, 1).todouble()))));
        math.set("ceil", LuaFn.of("ceil", a -> rounded(a, Math.ceil(number(a, 1).todouble()))));
        math.set("abs", LuaFn.of("abs", a -> {
            LuaNumber x = number(a, 1);
            return x instanceof LuaInteger ? LuaValue.valueOf(Math.abs(x.tolong())) : LuaValue.valueOf(Math.abs(x.todouble()));
        }));
        math.set("fmod", LuaFn.of("fmod", a -> {
            LuaNumber x = number(a, 1), y = number(a, 2);
            if (x instanceof LuaInteger && y instanceof LuaInteger) {
                long d = y.tolong();
                if (d == 0) throw new LuaError("bad argument #2 to 'fmod' (zero)");
                return LuaValue.valueOf(d == -1 ? 0 : x.tolong() % d); // C's %, truncating
            }
            return LuaValue.valueOf(x.todouble() % y.todouble());
        }));
        math.set("max", LuaFn.of("max", a -> extreme(a, true)));
        math.set("min", LuaFn.of("min", a -> extreme(a, false)));
    }

    private static final LuaValue INTEGER = LuaValue.valueOf("integer"), FLOAT = LuaValue.valueOf("float");

    private static LuaNumber number(Varargs a, int i) {
        LuaValue v = a.arg(i);
        LuaValue n = v.tonumber();
        if (n.isnil()) throw new LuaError("bad argument #" + i + " (number expected, got " + (v.isnil() && a.narg() < i ? "no value" : v.typename()) + ")");
        return (LuaNumber) n;
    }

    private static long integer(Varargs a, int i) {
        return LuaNumbers.checkInteger(number(a, i));
    }

    /** floor/ceil: an integer when the result fits, the float otherwise (math.floor(1e100)); integers unchanged. */
    private static LuaValue rounded(Varargs a, double r) {
        if (a.arg1() instanceof LuaInteger) return a.arg1();
        return LuaNumbers.fitsInteger(r) ? LuaValue.valueOf((long) r) : LuaValue.valueOf(r);
    }

    private static LuaValue extreme(Varargs a, boolean max) {
        LuaNumber best = number(a, 1);
        for (int i = 2; i <= a.narg(); i++) {
            LuaNumber x = number(a, i);
            if (max ? best.lt_b(x) : x.lt_b(best)) best = x;
        }
        return best;
    }

    /** Puts a fresh random/randomseed pair, sharing one generator, into {@code math}. */
    static void installRandom(LuaTable math) {
        Random[] generator = {new Random()};
        math.set("random", new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                Random g = generator[0];
                long lower, upper;
                switch (args.narg()) {
                    case 0:
                        return valueOf(g.nextDouble());
                    case 1:
                        lower = 1;
                        upper = integer(args, 1);
                        if (upper == 0) return valueOf(g.nextLong()); // random(0): all 64 bits
                        break;
                    case 2:
                        lower = integer(args, 1);
                        upper = integer(args, 2);
                        break;
                    default:
                        throw new LuaError("wrong number of arguments");
                }
                args.argcheck(lower <= upper, args.narg(), "interval is empty");
                long span = upper - lower; // unsigned
                long r = span == -1 ? g.nextLong() : Long.remainderUnsigned(g.nextLong(), span + 1) ; // modulo bias under 2^-32 for spans below 2^32
                return valueOf(lower + r);
            }
        });
        math.set("randomseed", new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                generator[0] = new Random(args.arg1() instanceof LuaInteger ? args.arg1().tolong() : Double.doubleToLongBits(args.checkdouble(1)));
                return NONE;
            }
        });
    }
}
