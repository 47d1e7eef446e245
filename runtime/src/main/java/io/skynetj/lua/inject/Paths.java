package io.skynetj.lua.inject;

import org.luaj.vm2.LuaValue;

/** Human-readable names of values a patch changes: {@code _P.lua.CMD.get}, {@code _G["a b"]}, {@code _U.list[3]}. */
final class Paths {
    private static final int MAX_SHOWN = 40;

    private Paths() {}

    static String child(String parent, LuaValue key) {
        if (key.type() == LuaValue.TSTRING) {
            String s = key.tojstring();
            return s.matches("[A-Za-z_][A-Za-z0-9_]*") ? parent + "." + s : parent + "[" + quote(s) + "]";
        }
        if (key.isnumber() || key.isboolean()) return parent + "[" + key.tojstring() + "]";
        return parent + "[" + key.typename() + "]";
    }

    /** A short description of a value: scalars as Lua would write them, other values by type. */
    static String show(LuaValue v) {
        return switch (v.type()) {
            case LuaValue.TNIL, LuaValue.TBOOLEAN, LuaValue.TNUMBER -> v.tojstring();
            case LuaValue.TSTRING -> quote(v.tojstring());
            default -> v.typename();
        };
    }

    private static String quote(String s) {
        String shown = s.length() > MAX_SHOWN ? s.substring(0, MAX_SHOWN) + "..." : s;
        return '"' + shown.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + '"';
    }
}
