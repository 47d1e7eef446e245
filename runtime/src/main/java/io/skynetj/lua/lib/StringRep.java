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
        long count = Args.integer(args, 2, "rep"); // a float needs an integer value, as in Lua 5.4
        LuaString sep = args.optstring(3, LuaValue.EMPTYSTRING);
        if (count <= 0 || s.length() + sep.length() == 0) return LuaValue.EMPTYSTRING;
        int len = s.length(), lsep = sep.length();
        // (len + lsep) * count without overflowing: a Java array holds a little under 2^31 bytes
        if (count > (Integer.MAX_VALUE - 8) / (len + lsep)) throw new LuaError("resulting string too large");
        int n = (int) count;
        long total = (long) len * n + (long) lsep * (n - 1);
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
