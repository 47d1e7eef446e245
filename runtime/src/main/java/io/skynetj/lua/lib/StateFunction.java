package io.skynetj.lua.lib;

import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaThread;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/** A library function that belongs to one Lua state: it needs the state's running thread. */
abstract class StateFunction extends VarArgFunction {
    final Globals globals;

    StateFunction(Globals globals) {
        this.globals = globals;
    }

    /** The thread a debug function is about: its optional first argument, else the running one. */
    LuaThread threadArgument(Varargs args) {
        return args.arg1().isthread() ? (LuaThread) args.arg1() : globals.running;
    }

    /** Index of the first argument after the optional thread. */
    static int afterThread(Varargs args) {
        return args.arg1().isthread() ? 2 : 1;
    }
}
