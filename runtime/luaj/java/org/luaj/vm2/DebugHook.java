package org.luaj.vm2;

import org.luaj.vm2.lib.VarArgFunction;

// skynetj's own class (not LuaJ's), compiled into LuaJ's package with the patched sources: see runtime/luaj/README.md.
/**
 * A thread's debug hook, set by {@code debug.sethook}: the Lua function to call and on which events
 * (call, return, line, every {@code count} instructions), as in Lua 5.4.
 *
 * <p>The interpreter (patch 0043) tests one field per instruction, {@code CallFrames.hook}, which is null
 * when the thread has no hook and while its hook runs (Lua turns hooks off inside a hook): with no hook
 * set nothing else is done. When it is set, the interpreter reports each instruction, the entry and
 * return of Lua functions and the calls of Java functions it makes at call instructions; the hook sees
 * the hooked function as {@code debug.getinfo(2)}, as its frame's pc is the instruction reported.
 */
public final class DebugHook {
    private static final LuaString CALL = LuaString.valueOf("call"), TAIL_CALL = LuaString.valueOf("tail call"),
            RETURN = LuaString.valueOf("return"), LINE = LuaString.valueOf("line"), COUNT = LuaString.valueOf("count");

    private final LuaValue function;
    private final boolean calls, returns, lines;
    private final int count;
    /** Instructions left before the count event. */
    private int left;

    private DebugHook(LuaValue function, boolean calls, boolean returns, boolean lines, int count) {
        this.function = function;
        this.calls = calls;
        this.returns = returns;
        this.lines = lines;
        this.count = count;
        this.left = count;
    }

    /**
     * debug.sethook on thread {@code t}: {@code function} on the events of {@code mask} ('c', 'r', 'l') and
     * every {@code count} instructions (0: none); a null function, or no event at all, removes the hook.
     * {@code running}: {@code t} is the running thread, whose caller sees sethook's own return event
     * when this call turns return events on, as in Lua.
     */
    public static void set(LuaThread t, LuaValue function, String mask, int count, boolean running) {
        CallFrames f = CallFrames.of(t);
        DebugHook before = f.hook;
        DebugHook h = null;
        if (function != null) {
            boolean c = mask.indexOf('c') >= 0, r = mask.indexOf('r') >= 0, l = mask.indexOf('l') >= 0;
            if (c || r || l || count > 0) h = new DebugHook(function, c, r, l, Math.max(count, 0));
        }
        f.installedHook = h;
        if (!f.inHook) f.hook = h;
        // the interpreter reports a Java function's return only when a hook was on at its call
        if (running && before == null && h != null && h.returns && !f.inHook) fire(f, RETURN, LuaValue.NIL, null);
    }

    /** debug.gethook of thread {@code t}: the function, mask and count, or nil when it has none. */
    public static Varargs get(LuaThread t) {
        CallFrames f = t.callFrames;
        DebugHook h = f == null ? null : f.installedHook;
        if (h == null) return LuaValue.NIL;
        String mask = (h.calls ? "c" : "") + (h.returns ? "r" : "") + (h.lines ? "l" : "");
        return LuaValue.varargsOf(h.function, LuaValue.valueOf(mask), LuaValue.valueOf(h.count));
    }

    /**
     * The values a call or return event transfers (debug.getinfo's 'r': ftransfer, ntransfer), kept in
     * {@link CallFrames#transfer} while the hook runs: the hooked level's slots {@code first} ... are
     * {@code values} (null: a Lua function's parameters, read from its registers), and a Java function's
     * slots below them its arguments. debug.setlocal may replace them: the call or return goes on with
     * the new values, as in Lua.
     */
    static final class Transfer {
        /** A Java function's arguments (its slots 1...), null for a Lua function. */
        Varargs args;
        final int first, count;
        Varargs values;

        Transfer(Varargs args, int first, int count, Varargs values) {
            this.args = args;
            this.first = first;
            this.count = count;
            this.values = values;
        }

        /** Slot {@code n} of the hooked level, or null when the event does not hold it. */
        LuaValue get(int n) {
            if (values != null && n >= first && n < first + count) return values.arg(n - first + 1);
            return args != null && n >= 1 && n <= args.narg() ? args.arg(n) : null;
        }

        /** Sets slot {@code n} if the event holds it; whether it did. */
        boolean set(int n, LuaValue v) {
            if (values != null && n >= first && n < first + count) {
                values = replaced(values, n - first, v);
                return true;
            }
            if (args == null || n < 1 || n > args.narg()) return false;
            args = replaced(args, n - 1, v);
            return true;
        }

        private static Varargs replaced(Varargs list, int index, LuaValue v) {
            LuaValue[] a = new LuaValue[list.narg()];
            for (int i = 0; i < a.length; i++) a[i] = list.arg(i + 1);
            a[index] = v;
            return LuaValue.varargsOf(a);
        }
    }

    /** Runs the hook function on {@code event}, with hooks off meanwhile; {@code transfer} is null for line and count events. */
    private static void fire(CallFrames f, LuaString event, LuaValue line, Transfer transfer) {
        DebugHook h = f.hook;
        f.hook = null;
        f.inHook = true;
        f.hookDepth = f.nextDepth();
        f.transfer = transfer;
        try {
            h.function.call(event, line);
        } finally {
            f.transfer = null;
            f.hookDepth = -1;
            f.inHook = false;
            f.hook = f.installedHook;
        }
    }

    /** The Lua function of frame {@code c} starts (its pc is 0): its parameters are the values transferred. */
    static void entered(CallFrames f, CallFrames.Call c) {
        if (f.hook.calls) fire(f, c.tail ? TAIL_CALL : CALL, LuaValue.NIL, new Transfer(null, 1, c.closure.p.numparams, null));
    }

    /**
     * The frame {@code c} is about to execute instruction {@code pc}: the count and line events; a Java
     * function this instruction calls is called through a {@link HookedCall}, which reports its call and
     * return (Lua functions report their own).
     */
    static void instruction(CallFrames f, CallFrames.Call c, int pc, LuaValue[] stack) {
        int old = c.pc < 0 ? -1 - c.pc : c.pc; // negative: after the call at -1 - pc (patch 0047)
        c.pc = pc;
        DebugHook h = f.hook;
        if (h.count > 0 && --h.left == 0) {
            h.left = h.count;
            fire(f, COUNT, LuaValue.NIL, null);
            h = f.hook;
            if (h == null) return;
        }
        int[] lineinfo = c.closure.p.lineinfo;
        int line = lineOf(lineinfo, pc);
        // a new line, or a jump back (the first instruction too: its pc is 0, as the frame's starting pc);
        // code without line information (string.dump(f, true)) reports nil lines at jumps back only
        if (h.lines && (pc <= old || line != lineOf(lineinfo, old))) {
            fire(f, LINE, line < 0 ? LuaValue.NIL : LuaValue.valueOf(line), null);
            h = f.hook;
            if (h == null) return;
        }
        int i = c.closure.p.code[pc];
        int op = Lua.GET_OPCODE(i);
        if ((op == Lua.OP_CALL || op == Lua.OP_TFORCALL) && (h.calls || h.returns)) {
            int a = Lua.GETARG_A(i);
            LuaValue fn = stack[a];
            if (fn.isfunction() && !(fn instanceof LuaClosure)) stack[a] = new HookedCall(f, fn, stack, a);
        }
    }

    /**
     * Stands in a call instruction's register for the Java function it calls while a hook is on: when
     * the instruction calls it, it puts the function back (tracebacks and debug.getinfo see it there) and
     * calls it between its call and return events.
     */
    private static final class HookedCall extends VarArgFunction {
        private final CallFrames frames;
        private final LuaValue function;
        private final LuaValue[] stack;
        private final int register;

        HookedCall(CallFrames frames, LuaValue function, LuaValue[] stack, int register) {
            this.frames = frames;
            this.function = function;
            this.stack = stack;
            this.register = register;
        }

        @Override
        public Varargs invoke(Varargs args) {
            stack[register] = function;
            return callJava(frames, function, args);
        }
    }

    private static int lineOf(int[] lineinfo, int pc) {
        return lineinfo != null && pc >= 0 && pc < lineinfo.length ? lineinfo[pc] : -1;
    }

    /**
     * A Lua frame calls Java function {@code fn}: its call event (the arguments are its slots 1...), the
     * call, its return event (the results after them).
     */
    static Varargs callJava(CallFrames f, LuaValue fn, Varargs args) {
        DebugHook h = f.hook;
        if (h != null && h.calls) {
            Transfer t = new Transfer(args, 1, args.narg(), args);
            fire(f, CALL, LuaValue.NIL, t);
            args = t.values;
        }
        Varargs r = fn.invoke(args);
        h = f.hook;
        if (h != null && h.returns) {
            Transfer t = new Transfer(args, args.narg() + 1, r.narg(), r);
            fire(f, RETURN, LuaValue.NIL, t);
            r = t.values;
        }
        return r;
    }

    /**
     * The frame {@code c} returns {@code results} from register A of instruction {@code pc}: the return
     * event, the results its values.
     */
    static Varargs returning(CallFrames f, CallFrames.Call c, int pc, Varargs results) {
        DebugHook h = f.hook;
        if (h != null && h.returns) {
            c.pc = -1 - pc; // past its last call: no callee is shown above it
            Transfer t = new Transfer(null, Lua.GETARG_A(c.closure.p.code[pc]) + 1, results.narg(), results);
            fire(f, RETURN, LuaValue.NIL, t);
            return t.values;
        }
        return results;
    }
}
