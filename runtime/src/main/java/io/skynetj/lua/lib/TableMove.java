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
        long from = Args.integer(args, 2, "move"), end = Args.integer(args, 3, "move"), to = Args.integer(args, 4, "move");
        boolean ownTarget = args.isnoneornil(5);
        LuaValue src = args.arg1(), dst = ownTarget ? src : args.arg(5);
        if (!src.istable() && src.getmetatable() == null) throw Args.expected(args, 1, "move", "table");
        if (!dst.istable() && dst.getmetatable() == null) throw Args.expected(args, ownTarget ? 1 : 5, "move", "table");
        if (end < from) return dst;
        Args.check(from > 0 || end < Long.MAX_VALUE + from, 3, "move", "too many elements to move");
        long count = end - from + 1;
        Args.check(to <= Long.MAX_VALUE - count + 1, 4, "move", "destination wrap around");
        boolean forward = to > end || to <= from || !src.raweq(dst);
        for (long k = 0; k < count; k++) {
            long i = forward ? k : count - 1 - k;
            dst.set(LuaValue.valueOf(to + i), src.get(LuaValue.valueOf(from + i)));
        }
        return dst;
    }
}
