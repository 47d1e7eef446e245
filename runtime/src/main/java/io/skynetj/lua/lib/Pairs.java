package io.skynetj.lua.lib;

import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/** {@code pairs(t)} as Lua 5.2: a {@code __pairs} metamethod gives the iteration (LuaJ ignored it). */
final class Pairs extends VarArgFunction {
    private static final LuaValue PAIRS = LuaValue.valueOf("__pairs");
    private final LuaValue next;

    /** @param next the primitive {@code next}, which pairs returns whatever the global is later */
    Pairs(LuaValue next) {
        this.next = next;
    }

    @Override
    public Varargs invoke(Varargs args) {
        LuaValue t = args.arg1();
        LuaValue h = t.metatag(PAIRS);
        if (h.isnil()) {
            if (!t.istable())
                throw Args.expected(args, 1, "pairs", "table");
            return varargsOf(next, t, NIL);
        }
        Varargs r = h.invoke(t);
        return varargsOf(r.arg(1), r.arg(2), r.arg(3));
    }
}
