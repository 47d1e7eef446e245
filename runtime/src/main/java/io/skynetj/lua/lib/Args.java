package io.skynetj.lua.lib;

import org.luaj.vm2.LuaArgError;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaErrors;
import org.luaj.vm2.LuaInteger;
import org.luaj.vm2.LuaNumbers;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * Argument checks with Lua 5.4's texts ("bad argument #2 to 'len' (number expected, got no value)").
 * Integers go through the integer API: a Lua integer as it is, a float only with an exact integer
 * value, so that these functions take 64-bit integers whole once the VM has them.
 */
final class Args {
    private Args() {}

    /** The error; {@code function} is the name used until the caller names the function as it was called (LuaArgError). */
    static LuaError bad(int arg, String function, String message) {
        return LuaArgError.problem(arg, function, message);
    }

    static void check(boolean ok, int arg, String function, String message) {
        if (!ok) throw bad(arg, function, message);
    }

    /** "bad argument #arg to 'function' (what expected, got TYPE)", TYPE as Lua 5.4 names it. */
    static LuaError expected(Varargs args, int arg, String function, String what) {
        return bad(arg, function, what + " expected, got " + got(args, arg));
    }

    static String got(Varargs args, int arg) {
        return arg > args.narg() ? "no value" : LuaErrors.objtypename(args.arg(arg));
    }

    static long integer(Varargs args, int arg, String function) {
        LuaValue v = args.arg(arg);
        LuaInteger i = LuaNumbers.toInteger(v); // a numeric string counts, as in Lua
        if (i != null) return i.v;
        if (v.tonumber().isnil()) throw bad(arg, function, "number expected, got " + got(args, arg));
        throw bad(arg, function, "number has no integer representation");
    }

    static long optInteger(Varargs args, int arg, String function, long absent) {
        return args.arg(arg).isnil() ? absent : integer(args, arg, function);
    }

    static double number(Varargs args, int arg, String function) {
        LuaValue n = args.arg(arg).tonumber();
        if (n.isnil()) throw bad(arg, function, "number expected, got " + got(args, arg));
        return n.todouble();
    }

    static LuaString string(Varargs args, int arg, String function) {
        LuaValue v = args.arg(arg);
        if (!v.isstring()) throw bad(arg, function, "string expected, got " + got(args, arg));
        return v.strvalue();
    }
}
