package io.skynetj.lua.lib;

import org.luaj.vm2.CallFrames;
import org.luaj.vm2.DebugHook;
import org.luaj.vm2.Globals;
import org.luaj.vm2.JavaUpvalues;
import org.luaj.vm2.LightUserdata;
import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaErrors;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaThread;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Prototype;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * {@code debug.traceback} and {@code debug.getinfo} on the frames the interpreter records
 * ({@link CallFrames}, patch 0011), so they work with LuaJ's debug hooks off; {@code debug.sethook} and
 * {@code debug.gethook} on the interpreter's own hooks ({@link DebugHook}, patch 0043).
 */
final class DebugFunctions {
    private DebugFunctions() {}

    /** Installs them in state {@code g}'s {@code debug}; {@code hooks} gets each thread's hook function (the registry's _HOOKKEY). */
    static void install(Globals g, LuaTable debug, HookTable hooks) {
        debug.set("traceback", new Traceback(g));
        debug.set("getinfo", new GetInfo(g));
        debug.set("sethook", new SetHook(g, hooks));
        debug.set("gethook", new GetHook(g));
        debug.set("getuservalue", new GetUserValue());
        debug.set("setuservalue", new SetUserValue());
    }

    /** debug.getuservalue(u [, n]): Lua 5.4's; no userdata of skynetj has user values, so always nil. */
    private static final class GetUserValue extends VarArgFunction {
        @Override
        public Varargs invoke(Varargs args) {
            args.optint(2, 1);
            return NIL;
        }
    }

    /** debug.setuservalue(u, value [, n]): Lua 5.4's; fails (nil) as no userdata of skynetj has user values. */
    private static final class SetUserValue extends VarArgFunction {
        @Override
        public Varargs invoke(Varargs args) {
            LuaValue u = args.arg1();
            if (u.type() != TUSERDATA || u instanceof LightUserdata) throw Args.expected(args, 1, "debug.setuservalue", "userdata");
            args.checkvalue(2);
            args.optint(3, 1);
            return NIL;
        }
    }

    /** debug.sethook([thread,] [f, mask [, count]]): no function removes the hook. */
    private static final class SetHook extends StateFunction {
        private final HookTable hooks;

        SetHook(Globals globals, HookTable hooks) {
            super(globals);
            this.hooks = hooks;
        }

        @Override
        public Varargs invoke(Varargs args) {
            LuaThread t = threadArgument(args);
            int a = afterThread(args);
            if (args.isnoneornil(a)) {
                DebugHook.set(t, null, "", 0, false);
                hooks.table().rawset(t, NIL);
                return NONE;
            }
            String mask = Args.string(args, a + 1, "debug.sethook").tojstring();
            LuaValue f = args.arg(a);
            Args.check(f.isfunction(), a, "debug.sethook", "function expected, got " + f.typename());
            long count = Args.optInteger(args, a + 2, "debug.sethook", 0);
            DebugHook.set(t, f, mask, (int) Math.max(0, Math.min(count, Integer.MAX_VALUE)), t == globals.running);
            hooks.table().rawset(t, f);
            return NONE;
        }
    }

    /** debug.gethook([thread]): the hook function, its mask and count; nil when there is none. */
    private static final class GetHook extends StateFunction {
        GetHook(Globals globals) {
            super(globals);
        }

        @Override
        public Varargs invoke(Varargs args) {
            return DebugHook.get(threadArgument(args));
        }
    }

    /** debug.traceback([thread,] [message [, level]]). */
    private static final class Traceback extends StateFunction {
        Traceback(Globals globals) {
            super(globals);
        }

        @Override
        public Varargs invoke(Varargs args) {
            LuaThread t = threadArgument(args);
            int a = afterThread(args);
            LuaValue message = args.arg(a);
            if (!message.isnil() && !message.isstring()) return message;
            boolean self = t == globals.running;
            int level = args.optint(a + 1, self ? 1 : 0);
            String text = CallFrames.traceback(t, self ? this : null, self ? Math.max(level, 1) : level + 1);
            if (self && level == 0) // level 0 is traceback itself, as in Lua
                text = text.replaceFirst("^stack traceback:", "stack traceback:\n\t[C]: in function 'debug.traceback'");
            return valueOf(message.isnil() ? text : message.tojstring() + "\n" + text);
        }
    }

    /** debug.getinfo([thread,] f [, what]): f is a level or a function. */
    private static final class GetInfo extends StateFunction {
        GetInfo(Globals globals) {
            super(globals);
        }

        @Override
        public Varargs invoke(Varargs args) {
            LuaThread t = threadArgument(args);
            int a = afterThread(args);
            LuaValue f = args.arg(a);
            String what = args.optjstring(a + 1, "flnStu");
            for (char c : what.toCharArray())
                if ("SlnrufLt".indexOf(c) < 0) throw new LuaError("bad argument #" + (a + 1) + " to 'getinfo' (invalid option)");
            LuaTable info = new LuaTable(0, 12);
            if (f.isnumber()) {
                boolean self = t == globals.running;
                int level = f.checkint();
                if (self && level == 0) {
                    describeJava(info, what, this);
                    return info;
                }
                CallFrames.Frame frame = CallFrames.frame(t, self ? this : null, self ? level : level + 1);
                if (frame == null) return NIL;
                if (frame.closure() == null) {
                    describeJava(info, what, frame.function());
                } else {
                    describeLua(info, what, frame.closure());
                    if (what.indexOf('l') >= 0) info.set("currentline", frame.currentline());
                    if (what.indexOf('t') >= 0) info.set("istailcall", valueOf(frame.istailcall()));
                }
                if (what.indexOf('n') >= 0) {
                    if (frame.name() != null) info.set("name", frame.name());
                    info.set("namewhat", frame.namewhat() != null ? frame.namewhat() : "");
                }
                if (what.indexOf('r') >= 0) transfers(info, frame.ftransfer(), frame.ntransfer());
                return info;
            }
            if (!f.isfunction())
                throw new LuaError("bad argument #" + a + " to 'getinfo' (function or level expected)");
            if (f instanceof LuaClosure c) {
                describeLua(info, what, c);
                if (what.indexOf('l') >= 0) info.set("currentline", -1);
            } else {
                describeJava(info, what, f);
            }
            if (what.indexOf('n') >= 0) info.set("namewhat", "");
            if (what.indexOf('r') >= 0) transfers(info, 0, 0);
            return info;
        }

        /** 'r': the slots of the values a call or return hook's event transfers (0 and 0 but at the level it reports on). */
        private static void transfers(LuaTable info, int ftransfer, int ntransfer) {
            info.set("ftransfer", ftransfer);
            info.set("ntransfer", ntransfer);
        }

        private static void describeLua(LuaTable info, String what, LuaClosure c) {
            Prototype p = c.p;
            if (what.indexOf('S') >= 0) {
                String source = p.source != null ? p.source.tojstring() : "=?";
                info.set("source", source);
                info.set("short_src", LuaErrors.chunkid(source));
                info.set("linedefined", p.linedefined);
                info.set("lastlinedefined", p.lastlinedefined);
                info.set("what", p.linedefined == 0 ? "main" : "Lua");
            }
            if (what.indexOf('u') >= 0) {
                info.set("nups", p.upvalues.length);
                info.set("nparams", p.numparams);
                info.set("isvararg", valueOf(p.is_vararg != 0));
            }
            if (what.indexOf('t') >= 0) info.set("istailcall", FALSE);
            if (what.indexOf('f') >= 0) info.set("func", c);
            if (what.indexOf('L') >= 0) {
                LuaTable lines = new LuaTable();
                if (p.lineinfo != null) for (int line : p.lineinfo) lines.set(line, TRUE);
                info.set("activelines", lines);
            }
        }

        private static void describeJava(LuaTable info, String what, LuaValue f) {
            if (what.indexOf('S') >= 0) {
                info.set("source", "=[C]");
                info.set("short_src", "[C]");
                info.set("linedefined", -1);
                info.set("lastlinedefined", -1);
                info.set("what", "C");
            }
            if (what.indexOf('l') >= 0) info.set("currentline", -1);
            if (what.indexOf('u') >= 0) {
                info.set("nups", f instanceof JavaUpvalues up ? up.upvalueCount() : 0);
                info.set("nparams", 0);
                info.set("isvararg", TRUE);
            }
            if (what.indexOf('t') >= 0) info.set("istailcall", FALSE);
            if (what.indexOf('f') >= 0 && f != null) info.set("func", f);
        }
    }
}
