package io.skynetj.lua.lib;

import java.util.Set;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * os.setlocale as a Lua state on the JVM can honour it: the C locale is the only one ("C", "POSIX"
 * and the native "" give "C"); any other name fails with nil, as Lua's does for a locale the system
 * lacks (LuaJ said "C" to every name, so code believed a locale such as "pt_BR" was in effect).
 */
final class OsSetlocale {
    private OsSetlocale() {}

    private static final Set<String> CATEGORIES = Set.of("all", "collate", "ctype", "monetary", "numeric", "time");
    private static final Set<String> C_NAMES = Set.of("C", "POSIX", "");

    static Varargs setlocale(Varargs a) {
        String category = a.isnoneornil(2) ? "all" : Args.string(a, 2, "setlocale").tojstring();
        Args.check(CATEGORIES.contains(category), 2, "setlocale", "invalid option '" + category + "'");
        if (a.isnoneornil(1)) return LuaValue.valueOf("C");
        return C_NAMES.contains(Args.string(a, 1, "setlocale").tojstring()) ? LuaValue.valueOf("C") : LuaValue.NIL;
    }
}
