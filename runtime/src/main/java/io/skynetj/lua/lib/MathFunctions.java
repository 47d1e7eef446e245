package io.skynetj.lua.lib;

import java.util.Random;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/** The math functions skynetj adds or replaces: Lua 5.3's tointeger, and a random generator per service. */
final class MathFunctions {
    private MathFunctions() {}

    /** math.tointeger(x): x if it (or a numeric string) has an integral value in 64-bit range, else nil. */
    static final class ToInteger extends VarArgFunction {
        @Override
        public Varargs invoke(Varargs args) {
            LuaValue x = args.checkvalue(1);
            if (!x.isnumber()) return NIL;
            double d = x.todouble();
            boolean integral = d == Math.floor(d) && d >= -0x1p63 && d < 0x1p63;
            return integral ? LuaValue.valueOf(d == 0 ? 0.0 : d) : NIL;
        }
    }

    /** Puts a fresh random/randomseed pair, sharing one generator, into {@code math}. */
    static void installRandom(LuaTable math) {
        Random[] generator = {new Random()};
        math.set("random", new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                double r = generator[0].nextDouble();
                switch (args.narg()) {
                    case 0:
                        return valueOf(r);
                    case 1: {
                        double upper = args.checkdouble(1);
                        args.argcheck(1 <= upper, 1, "interval is empty");
                        return valueOf(Math.floor(r * upper) + 1);
                    }
                    case 2: {
                        double lower = args.checkdouble(1), upper = args.checkdouble(2);
                        args.argcheck(lower <= upper, 2, "interval is empty");
                        return valueOf(Math.floor(r * (upper - lower + 1)) + lower);
                    }
                    default:
                        throw new LuaError("wrong number of arguments");
                }
            }
        });
        math.set("randomseed", new VarArgFunction() {
            @Override
            public Varargs invoke(Varargs args) {
                generator[0] = new Random(Double.doubleToLongBits(args.checkdouble(1)));
                return NONE;
            }
        });
    }
}
