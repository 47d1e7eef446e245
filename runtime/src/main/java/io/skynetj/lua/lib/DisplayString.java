package io.skynetj.lua.lib;

import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;

/**
 * A value as {@code tostring} and {@code string.format("%s")} show it (Lua 5.4's luaL_tolstring):
 * {@code __tostring}'s result, which must be a string; else the value's own form, with a string
 * {@code __name} of its metatable in place of the type ("hi: 5b464ce8").
 */
final class DisplayString {
    private DisplayString() {}

    static LuaString of(LuaValue v) {
        LuaValue h = v.metatag(LuaValue.TOSTRING);
        if (!h.isnil()) {
            LuaValue r = h.call(v);
            if (!r.isstring()) throw new LuaError("'__tostring' must return a string");
            return r.strvalue();
        }
        LuaValue s = v.tostring();
        if (!s.isnil()) return s.strvalue();
        String plain = v.tojstring();
        LuaValue name = v.metatag(LuaValue.valueOf("__name"));
        String type = v.typename();
        if (name.type() == LuaValue.TSTRING && plain.startsWith(type + ": "))
            return LuaValue.valueOf(name.tojstring() + plain.substring(type.length()));
        return LuaValue.valueOf(plain);
    }
}
