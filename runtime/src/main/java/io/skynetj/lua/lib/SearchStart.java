package io.skynetj.lua.lib;

import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * string.find and string.match with a start position past the end of the subject: Lua 5.4 finds
 * nothing there ({@code string.find("", "", 2)} is nil), LuaJ searched from the end instead. Other
 * calls go to LuaJ's functions unchanged.
 */
final class SearchStart {
    private SearchStart() {}

    static void install(LuaTable string) {
        for (String name : new String[] {"find", "match"}) {
            LuaValue luaj = string.get(name);
            string.set(name, LuaFn.of(name, a -> pastTheEnd(a, name) ? LuaValue.NIL : luaj.invoke(a)));
        }
    }

    private static boolean pastTheEnd(Varargs a, String name) {
        if (a.arg(3).isnil() || !a.arg1().isstring()) return false;
        return Args.integer(a, 3, name) > a.arg1().strvalue().length() + 1L;
    }
}
