package io.skynetj.lua.lib;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.compiler.DumpState;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * {@code string.dump(f [, strip])} as Lua 5.4: the debug information (source, lines, local and upvalue
 * names) is kept unless strip is true (LuaJ always left it out, so a loaded copy had no upvalue names),
 * and a Java function is "unable to dump given function" rather than a Java cast error.
 */
final class StringDump extends VarArgFunction {
    StringDump() {
        name = "dump";
    }

    @Override
    public Varargs invoke(Varargs args) {
        LuaValue f = args.arg1();
        if (!f.isfunction())
            throw Args.bad(1, "dump", "function expected, got " + (args.narg() == 0 ? "no value" : f.typename()));
        if (!(f instanceof LuaClosure closure)) throw new LuaError("unable to dump given function");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            DumpState.dump(closure.p, out, args.arg(2).toboolean());
        } catch (IOException e) { // a ByteArrayOutputStream does not fail
            throw new LuaError("unable to dump given function");
        }
        return LuaString.valueUsing(out.toByteArray());
    }
}
