package io.skynetj.lua.lib;

import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/** A Lua function written as a Java lambda. */
public final class LuaFn extends VarArgFunction {
    public interface Body {
        Varargs call(Varargs args);
    }

    private final Body body;

    private LuaFn(String name, Body body) {
        this.name = name;
        this.body = body;
    }

    public static LuaFunction of(String name, Body body) {
        return new LuaFn(name, body);
    }

    /** "function: name", as a function prints in Lua (the name in place of an address). */
    @Override
    public String tojstring() {
        return "function: " + name;
    }

    @Override
    public Varargs invoke(Varargs args) {
        return body.call(args);
    }
}
