package io.skynetj.lua.lib;

import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/** {@code string.rep(s, n [, sep])} with Lua 5.2's separator (LuaJ ignored it). */
final class StringRep extends VarArgFunction {
    @Override
    public Varargs invoke(Varargs args) {
        LuaString s = args.checkstring(1);
        // clamped, not converted: (int) 2^31 is negative, an empty result instead of the size error below
        int n = (int) Math.min(args.checkdouble(2), Integer.MAX_VALUE);
        LuaString sep = args.optstring(3, LuaValue.EMPTYSTRING);
        if (n <= 0 || s.length() + sep.length() == 0) return LuaValue.EMPTYSTRING;
        int len = s.length(), lsep = sep.length();
        long total = (long) len * n + (long) lsep * (n - 1);
        if (total >= Integer.MAX_VALUE - 8) throw new LuaError("resulting string too large");
        byte[] out = new byte[(int) total];
        int at = 0;
        for (int i = 0; i < n; i++) {
            if (i > 0) {
                sep.copyInto(0, out, at, lsep);
                at += lsep;
            }
            s.copyInto(0, out, at, len);
            at += len;
        }
        return LuaString.valueUsing(out);
    }
}
