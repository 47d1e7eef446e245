package io.skynetj.lua;

import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * A skynet.core function called as {@code f(addr, typename, ...)} (protosend, protocall). The
 * interpreter calls a function with three arguments through {@code call(a, b, c)}; this one takes
 * that call as it is (the values after the type name are the one value {@code c}), where a plain
 * {@link VarArgFunction} would first build an argument list and copy the arguments into it.
 */
final class ProtocolFunction extends VarArgFunction {
    interface Body {
        /** {@code values} from index {@code first} on are the values after the type name. */
        Varargs call(LuaValue addr, LuaValue typename, Varargs values, int first);
    }

    private final Body body;

    ProtocolFunction(String name, Body body) {
        this.name = name;
        this.body = body;
    }

    @Override
    public String tojstring() {
        return "function: " + name;
    }

    @Override
    public LuaValue call(LuaValue addr, LuaValue typename, LuaValue value) {
        return body.call(addr, typename, value, 1).arg1();
    }

    @Override
    public Varargs invoke(Varargs args) {
        return body.call(args.arg1(), args.arg(2), args, 3);
    }
}
