package io.skynetj.lua.lib;

import org.luaj.vm2.FrameLocals;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaThread;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * {@code debug.getlocal} and {@code debug.setlocal} as Lua 5.4 has them, on the frames the interpreter
 * records ({@link FrameLocals}): levels of the running thread counted from the caller, levels of
 * another (suspended or normal) coroutine from 0 (the function it is calling, coroutine.yield for a
 * suspended one), and {@code getlocal(f, n)} naming a Lua function's parameters. A Java function's
 * level has no slots to show, except level 0 of the running thread: the call's own arguments,
 * "(C temporary)" as in Lua.
 */
final class DebugLocals {
    private DebugLocals() {}

    static void install(Globals g, LuaTable debug) {
        debug.set("getlocal", new GetLocal(g));
        debug.set("setlocal", new SetLocal(g));
    }

    /** debug.getlocal([thread,] level, n) or debug.getlocal(f, n). */
    private static final class GetLocal extends StateFunction {
        GetLocal(Globals globals) {
            super(globals);
        }

        @Override
        public Varargs invoke(Varargs args) {
            LuaThread t = threadArgument(args);
            int a = afterThread(args);
            int n = (int) Args.integer(args, a + 1, "getlocal");
            LuaValue f = args.arg(a);
            if (f.isfunction()) {
                String name = f instanceof LuaClosure c ? FrameLocals.parameter(c, n) : null;
                return name == null ? NIL : valueOf(name);
            }
            int level = (int) Args.integer(args, a, "getlocal");
            boolean self = t == globals.running;
            if (self && level == 0) return n >= 1 && n <= args.narg() ? varargsOf(valueOf(FrameLocals.C_TEMPORARY), args.arg(n)) : NIL;
            FrameLocals frames = FrameLocals.of(t, self ? this : null);
            int at = self ? level : level + 1;
            Args.check(level >= 0 && frames.hasLevel(at), a, "getlocal", "level out of range");
            Varargs local = frames.get(at, n);
            return local == null ? NIL : local;
        }
    }

    /** debug.setlocal([thread,] level, n, value): the local's name, or nil. */
    private static final class SetLocal extends StateFunction {
        SetLocal(Globals globals) {
            super(globals);
        }

        @Override
        public Varargs invoke(Varargs args) {
            LuaThread t = threadArgument(args);
            int a = afterThread(args);
            int level = (int) Args.integer(args, a, "setlocal");
            int n = (int) Args.integer(args, a + 1, "setlocal");
            boolean self = t == globals.running;
            FrameLocals frames = FrameLocals.of(t, self ? this : null);
            int at = self ? level : level + 1;
            boolean exists = level >= 0 && (self && level == 0 || frames.hasLevel(at));
            Args.check(exists, a, "setlocal", "level out of range");
            Args.check(args.narg() >= a + 2, a + 2, "setlocal", "value expected");
            if (self && level == 0) return n >= 1 && n <= args.narg() ? valueOf(FrameLocals.C_TEMPORARY) : NIL;
            String name = frames.set(at, n, args.arg(a + 2));
            return name == null ? NIL : valueOf(name);
        }
    }
}
