package org.luaj.vm2;

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
        if (h == null) f.forgetJavaCalls();
        // the interpreter reports a Java function's return only when a hook was on at its call
        if (running && before == null && h != null && h.returns && !f.inHook) fire(f, RETURN, LuaValue.NIL);
    }

    /** debug.gethook of thread {@code t}: the function, mask and count, or nil when it has none. */
    public static Varargs get(LuaThread t) {
        CallFrames f = t.callFrames;
        DebugHook h = f == null ? null : f.installedHook;
        if (h == null) return LuaValue.NIL;
        String mask = (h.calls ? "c" : "") + (h.returns ? "r" : "") + (h.lines ? "l" : "");
        return LuaValue.varargsOf(h.function, LuaValue.valueOf(mask), LuaValue.valueOf(h.count));
    }

    /** Runs the hook function on {@code event}, with hooks off meanwhile. */
    private static void fire(CallFrames f, LuaString event, LuaValue line) {
        DebugHook h = f.hook;
        f.hook = null;
        f.inHook = true;
        f.hookDepth = f.nextDepth();
        try {
            h.function.call(event, line);
        } finally {
            f.hookDepth = -1;
            f.inHook = false;
            f.hook = f.installedHook;
        }
    }

    /** The Lua function of frame {@code c} starts (its pc is 0). */
    static void entered(CallFrames f, CallFrames.Call c) {
        c.javaCallee = null;
        if (f.hook.calls) fire(f, c.tail ? TAIL_CALL : CALL, LuaValue.NIL);
    }

    /**
     * The frame {@code c} is about to execute instruction {@code pc}: the return event of the Java function
     * its last instruction called, the count and line events, and the call event of a Java function this
     * instruction calls (Lua functions report their own call).
     */
    static void instruction(CallFrames f, CallFrames.Call c, int pc, LuaValue[] stack) {
        LuaValue callee = c.javaCallee;
        if (callee != null) {
            c.javaCallee = null;
            if (f.hook.returns) javaReturned(f, c, callee, stack);
            if (f.hook == null) return;
        }
        int old = c.pc;
        c.pc = pc;
        DebugHook h = f.hook;
        if (h.count > 0 && --h.left == 0) {
            h.left = h.count;
            fire(f, COUNT, LuaValue.NIL);
            h = f.hook;
            if (h == null) return;
        }
        int[] lineinfo = c.closure.p.lineinfo;
        int line = lineOf(lineinfo, pc);
        // a new line, or a jump back (the first instruction too: its pc is 0, as the frame's starting pc);
        // code without line information (string.dump(f, true)) reports nil lines at jumps back only
        if (h.lines && (pc <= old || line != lineOf(lineinfo, old))) {
            fire(f, LINE, line < 0 ? LuaValue.NIL : LuaValue.valueOf(line));
            if (f.hook == null) return;
        }
        int i = c.closure.p.code[pc];
        if (Lua.GET_OPCODE(i) == Lua.OP_CALL) {
            LuaValue fn = stack[Lua.GETARG_A(i)];
            if (fn.isfunction() && !(fn instanceof LuaClosure)) {
                if (f.hook.calls) fire(f, CALL, LuaValue.NIL);
                c.javaCallee = fn;
            }
        }
    }

    /**
     * The return event of Java function {@code callee}, at the instruction after its call: the frame is
     * shown at the call again, and the callee in its register (where the results may be by now), so that
     * the hook sees the callee as debug.getinfo(2).
     */
    private static void javaReturned(CallFrames f, CallFrames.Call c, LuaValue callee, LuaValue[] stack) {
        int at = c.pc;
        int a = Lua.GETARG_A(c.closure.p.code[at]);
        LuaValue result = stack[a];
        stack[a] = callee;
        try {
            fire(f, RETURN, LuaValue.NIL);
        } finally {
            stack[a] = result;
        }
    }

    private static int lineOf(int[] lineinfo, int pc) {
        return lineinfo != null && pc >= 0 && pc < lineinfo.length ? lineinfo[pc] : -1;
    }

    /** A call instruction of frame {@code c} calls Java function {@code fn}: its call and return events around it. */
    static Varargs callJava(CallFrames f, LuaValue fn, Varargs args) {
        DebugHook h = f.hook;
        if (h != null && h.calls) fire(f, CALL, LuaValue.NIL);
        Varargs r = fn.invoke(args);
        h = f.hook;
        if (h != null && h.returns) fire(f, RETURN, LuaValue.NIL);
        return r;
    }

    /** The frame {@code c} returns {@code results} at instruction {@code pc}: the return event. */
    static Varargs returning(CallFrames f, CallFrames.Call c, int pc, Varargs results) {
        DebugHook h = f.hook;
        if (h != null && h.returns) {
            c.pc = pc;
            fire(f, RETURN, LuaValue.NIL);
        }
        return results;
    }
}
