package io.skynetj.lua.lib;

import org.luaj.vm2.LuaString;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/** {@code string.char(...)} with Lua 5.4's argument errors ("value out of range", integers of 64 bits). */
final class StringChar extends VarArgFunction {
    @Override
    public Varargs invoke(Varargs args) {
        int n = args.narg();
        byte[] out = new byte[n];
        for (int i = 1; i <= n; i++) {
            long c = Args.integer(args, i, "char");
            Args.check(c >= 0 && c <= 255, i, "char", "value out of range");
            out[i - 1] = (byte) c;
        }
        return LuaString.valueUsing(out);
    }
}
