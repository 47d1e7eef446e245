package org.luaj.vm2;

// skynetj's own class (not LuaJ's), compiled into LuaJ's package with the patched sources: see runtime/luaj/README.md.
/**
 * Lua 5.4's numeric {@code for}, for the interpreter's FORPREP and FORLOOP instructions. Registers
 * R(A) index, R(A+1) limit, R(A+2) step, R(A+3) the loop variable.
 *
 * <p>An integer start and step make an integer loop: the limit is clipped to an integer and the loop
 * stops before the index would pass it, so it never wraps around at maxinteger. Anything else is a
 * float loop. Strings convert as numbers do.
 */
final class NumericFor {
    private NumericFor() {}

    /** FORPREP: checks and converts the three values; true when the body runs at least once. */
    static boolean prepare(LuaValue[] s, int a) {
        LuaValue init = s[a], step = s[a + 2];
        if (init instanceof LuaInteger && step instanceof LuaInteger) {
            long i = ((LuaInteger) init).v, st = ((LuaInteger) step).v;
            if (st == 0) throw new LuaError("'for' step is zero");
            LuaValue limit = s[a + 1];
            long lim;
            if (limit instanceof LuaInteger) {
                lim = ((LuaInteger) limit).v;
            } else {
                LuaNumber n = number(limit, "limit");
                if (n instanceof LuaInteger) {
                    lim = ((LuaInteger) n).v;
                } else {
                    double d = st < 0 ? Math.ceil(n.todouble()) : Math.floor(n.todouble());
                    if (LuaNumbers.fitsInteger(d)) {
                        lim = (long) d;
                    } else if (d > 0) {
                        if (st < 0) return false;
                        lim = Long.MAX_VALUE;
                    } else {
                        if (st > 0) return false;
                        lim = Long.MIN_VALUE;
                    }
                }
                s[a + 1] = LuaInteger.valueOf(lim);
            }
            if (st > 0 ? i > lim : i < lim) return false;
            s[a + 3] = init;
            return true;
        }
        double lim = number(s[a + 1], "limit").todouble();
        double st = number(step, "step").todouble();
        double i = number(init, "initial value").todouble();
        if (st == 0) throw new LuaError("'for' step is zero");
        if (st > 0 ? lim < i : i < lim) return false;
        LuaDouble first = LuaDouble.valueOf(i);
        s[a] = first;
        s[a + 1] = LuaDouble.valueOf(lim);
        s[a + 2] = LuaDouble.valueOf(st);
        s[a + 3] = first;
        return true;
    }

    /** FORLOOP: advances the index; true when the body runs again. */
    static boolean next(LuaValue[] s, int a) {
        LuaValue idx = s[a];
        if (idx instanceof LuaInteger) {
            long i = ((LuaInteger) idx).v, lim = ((LuaInteger) s[a + 1]).v, st = ((LuaInteger) s[a + 2]).v;
            // the distance left, unsigned, compared with the step: no overflow at either end of the range
            if (st > 0 ? Long.compareUnsigned(lim - i, st) < 0 : Long.compareUnsigned(i - lim, -st) < 0) return false;
            LuaInteger n = LuaInteger.valueOf(i + st);
            s[a] = n;
            s[a + 3] = n;
            return true;
        }
        double st = s[a + 2].todouble(), lim = s[a + 1].todouble();
        double i = idx.todouble() + st;
        if (st > 0 ? i <= lim : lim <= i) {
            LuaDouble n = LuaDouble.valueOf(i);
            s[a] = n;
            s[a + 3] = n;
            return true;
        }
        return false;
    }

    private static LuaNumber number(LuaValue v, String what) {
        LuaNumber n = LuaNumbers.toNumber(v);
        if (n == null) throw new LuaError("bad 'for' " + what + " (number expected, got " + LuaErrors.objtypename(v) + ")");
        return n;
    }
}
