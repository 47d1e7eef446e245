package io.skynetj.lua.lib;

import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * {@code table.move(a1, f, e, t [, a2])} from Lua 5.3, used by skynet-era code: copies a1[f..e] to
 * a2[t..] through metamethods, in the order that keeps overlapping ranges of one table right.
 */
final class TableMove extends VarArgFunction {
    @Override
    public Varargs invoke(Varargs args) {
        long from = args.checklong(2), end = args.checklong(3), to = args.checklong(4);
        boolean ownTarget = args.isnoneornil(5);
        LuaValue src = args.arg1(), dst = ownTarget ? src : args.arg(5);
        if (!src.istable() && src.getmetatable() == null) args.checktable(1);
        if (!dst.istable() && dst.getmetatable() == null) args.checktable(ownTarget ? 1 : 5);
        if (end < from) return dst;
        args.argcheck(from > 0 || end < Long.MAX_VALUE + from, 3, "too many elements to move");
        long count = end - from + 1;
        args.argcheck(to <= Long.MAX_VALUE - count + 1, 4, "destination wrap around");
        boolean forward = to > end || to <= from || !src.raweq(dst);
        for (long k = 0; k < count; k++) {
            long i = forward ? k : count - 1 - k;
            dst.set(LuaValue.valueOf(to + i), src.get(LuaValue.valueOf(from + i)));
        }
        return dst;
    }
}
