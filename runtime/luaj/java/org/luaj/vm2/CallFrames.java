package org.luaj.vm2;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

// skynetj's own class (not LuaJ's), compiled into LuaJ's package with the patched sources: see runtime/luaj/README.md.
/**
 * The Lua frames of a thread, for tracebacks and {@code debug.getinfo} without LuaJ's debug hooks
 * (which made every instruction 3x slower). Patch 0011 has {@link LuaClosure#execute} push a frame
 * on entry and pop it on exit, and note the frame's pc at its call instructions: a frame that is not
 * the innermost one is always inside a call, so its line is the line of that call. Each
 * {@link LuaThread} has its own: a chain of {@link Call} objects, one per depth (patch 0026).
 *
 * <p>When a Lua error passes its first Lua frame, the frames are copied into the error
 * ({@link Snapshot}); each outer frame the error unwinds through writes its own pc into the copy, so
 * the traceback shows where every frame was, also when a metamethod raised the error.
 */
public final class CallFrames {
    private static final int LEVELS_FIRST = 10, LEVELS_LAST = 11; // as Lua 5.4's luaL_traceback

    /** The innermost frame, or null when none is running. */
    private Call top;
    /** Safe points left before the Lua state's {@link SafePoint} runs (patch 0012). */
    int budget = SafePoint.EVERY;
    /** Protected calls (pcall, xpcall) running on the thread: while there is one, an error's closes wait for it. */
    private int protectedCalls;
    /** To-be-closed variables of frames an error unwound, innermost frame first, waiting for their protected call. */
    private ToBeClosed[] deferred = new ToBeClosed[4];
    private int deferredCount;
    /** The thread's debug hook, null when it has none and while it runs: the interpreter tests it at each instruction (patch 0043). */
    DebugHook hook;
    /** The hook debug.sethook set, also while it runs. */
    DebugHook installedHook;
    /** The hook is running (Lua 5.4 reports no events inside it). */
    boolean inHook;
    /** The depth of the running hook's frame, -1 when none runs: debug.getinfo names it "hook". */
    int hookDepth = -1;
    /** While a call or return event's hook runs: the values it transfers (debug.getinfo's 'r'), else null. */
    DebugHook.Transfer transfer;
    /** The frames of the error a coroutine died of, until it is closed: Lua 5.4 keeps a dead coroutine's stack. */
    private Snapshot died;
    /** The outermost frame is called by a host program (the lua command), a C function Lua's traceback ends with. */
    private boolean hostBelow;
    /** The depth of the running finalizer's frame, -1 when none runs: debug.getinfo names it "__gc" (Finalizers). */
    int finalizerDepth = -1;

    private CallFrames() {}

    /**
     * The frames of {@code t}, made on first use. The interpreter holds this object, never the thread:
     * a parked coroutine's stack must not keep its LuaThread reachable (see io.skynetj.lua.Coroutine).
     */
    public static CallFrames of(LuaThread t) {
        CallFrames f = t.callFrames;
        return f != null ? f : (t.callFrames = new CallFrames());
    }

    /**
     * Takes the frames of a thread that has finished running (none left on them), so that the next
     * thread can have them instead of new arrays: one thread per message would otherwise mean three
     * allocations per message. Null when it has none or they are in use.
     */
    public static CallFrames release(LuaThread t) {
        CallFrames f = t.callFrames;
        if (f == null || f.top != null || f.installedHook != null) return null; // a hook stays with its thread
        t.callFrames = null;
        f.died = null;
        f.thread = null; // kept frames must not hold a finished execution's Java thread
        return f;
    }

    /** Gives {@code t}, which has not run yet, frames another thread released. */
    public static void adopt(LuaThread t, CallFrames f) {
        if (t.callFrames == null) t.callFrames = f;
    }

    /**
     * One Lua call in progress: its closure, registers and pc (its call instruction, for all but the
     * innermost). An object per depth rather than slots in arrays the thread keeps (patch 0011's first
     * form): the interpreter writes a pc into a field of an object it holds instead of an array it must
     * load, bounds-check and grow. fib(30) with tools/bench-java InterpreterAB: 40% less CPU time than
     * with the arrays (patch 0026). The object of each depth is made once and kept ({@code deeper}),
     * so that a call allocates nothing: a new object per call measured as fast, but it was one more
     * allocation per message (tools/alloc-count lua-call 11 objects instead of 10).
     */
    static final class Call {
        LuaClosure closure;
        LuaValue[] stack;
        /** The values of its {@code ...} (patch 0032): what debug.getlocal's negative indices read. */
        Varargs varargs;
        final Call caller;
        final int depth;
        /**
         * The instruction of the call in progress (for all but the innermost frame); once a call
         * instruction's callee has returned, -1 minus that instruction (patch 0047), so that a Java function
         * called there is not taken for the one running.
         */
        int pc;
        Call deeper;
        /**
         * The call was a tail call: the frame popped last at this depth tail-called a Lua function (patch
         * 0043), which is pushed next at the same depth, on this object; a frame that returns clears it.
         */
        boolean tail;
        /**
         * The event ("__add", "__index"...) of the metamethod this frame's instruction is calling (MetamethodCall,
         * patch 0047), else null: debug.getinfo names the metamethod by it.
         */
        LuaValue metamethod;

        Call(Call caller) {
            this.caller = caller;
            this.depth = caller == null ? 0 : caller.depth + 1;
        }
    }

    /** The frame object of depth 0, kept for the next call from the bottom. */
    private Call first;
    /** The Java thread that pushed the outermost frame: the one running these frames (TypeMetatables). */
    private Thread thread;

    /** The innermost frame, or null. */
    Call top() {
        return top;
    }

    /** The depth a function called now would run at. */
    int nextDepth() {
        return top == null ? 0 : top.depth + 1;
    }

    /** Pushes {@code c} running on {@code stack}. */
    Call push(LuaClosure c, LuaValue[] stack) {
        Call t = top, n;
        if (t == null) {
            n = first;
            thread = Thread.currentThread(); // once per request or coroutine body, not per call
        } else {
            n = t.deeper;
        }
        if (n == null) {
            n = new Call(t);
            if (t == null) first = n; else t.deeper = n;
        }
        n.closure = c;
        n.stack = stack;
        n.pc = 0;
        return top = n;
    }

    /** Whether these frames are in use on Java thread {@code t}. */
    boolean runsOn(Thread t) {
        return top != null && thread == t;
    }

    /** The countdown of safe points ran out: runs the Lua state's {@link SafePoint}, if it has one. */
    void safePoint(Globals g) {
        budget = SafePoint.EVERY;
        if (g.safepoint != null) g.safepoint.reached(g);
        if (g.finalizers != null) g.finalizers.atSafePoint(); // __gc of unreachable objects
    }

    /**
     * The safe point of a loop's backward jump at {@code pc} of frame {@code c} (patch 0049). In a state
     * with objects marked for finalization, the registers above the locals active there are cleared
     * first: they hold only the temporaries of finished statements, which Lua's collector would not
     * see (it stops at the stack top) but which would keep a garbage table with a __gc alive here.
     */
    void loopSafePoint(Globals g, Call c, int pc) {
        c.pc = pc;
        if (g.finalizers != null && g.finalizers.anyMarked()) clearAbove(c.stack, c.closure.p, pc);
        safePoint(g);
    }

    private static void clearAbove(LuaValue[] stack, Prototype p, int pc) {
        LocVars[] vars = p.locvars;
        if (vars == null || vars.length == 0) return; // stripped (or no locals): which registers are live is unknown
        int active = 0; // the active locals are the first registers
        for (LocVars v : vars) if (v.startpc <= pc && pc < v.endpc) active++;
        if (active >= p.numparams && active < stack.length) Arrays.fill(stack, active, stack.length, LuaValue.NIL);
    }

    /**
     * Clears the registers of {@code t}'s innermost Lua frame above the arguments of the call it is
     * making to {@code callee}: the temporaries of finished expressions, which Lua's collector does not
     * see (they are above its stack top) but the register array of a LuaJ frame keeps until they are
     * overwritten. For collectgarbage: {@code setmetatable({}, mt); collectgarbage()} collects the table.
     * Nothing is cleared unless the frame's current instruction is a call of {@code callee} with a known
     * number of arguments (its registers from there up are the compiler's free ones).
     */
    public static void clearAboveCall(LuaThread t, LuaValue callee) {
        CallFrames f = t.callFrames;
        Call c = f == null ? null : f.top;
        if (c == null || c.stack == null || c.closure == null) return;
        int[] code = c.closure.p.code;
        if (c.pc < 0 || c.pc >= code.length) return;
        int i = code[c.pc];
        int a = Lua.GETARG_A(i), b = Lua.GETARG_B(i);
        if (Lua.GET_OPCODE(i) != Lua.OP_CALL || b == 0 || a + b > c.stack.length || c.stack[a] != callee) return;
        Arrays.fill(c.stack, a + b, c.stack.length, LuaValue.NIL);
    }

    /**
     * Pops {@code c}: every deeper frame has popped itself already (a finally block). Its references go,
     * so that a kept frame object does not hold a finished call's registers. {@code tailcall}: it ends
     * by tail-calling a Lua function, the next frame of this depth.
     */
    void pop(Call c, boolean tailcall) {
        c.tail = tailcall;
        top = c.caller;
        c.closure = null;
        c.stack = null;
        c.varargs = null;
    }

    // ---------------------------------------------------------------- to-be-closed variables and errors

    /*
     * Lua 5.4 closes the to-be-closed variables an error leaves pending once the stack has unwound to the
     * protected call that catches it: a __close runs with the pcall as its caller (debug.getinfo(2) is
     * the pcall), not on top of the failing frames. The interpreter unwinds by Java exceptions, so a
     * failing frame inside a protected call hands its variables to the thread (defer) and the protected
     * call closes them after catching the error (closeDeferred). Outside any protected call a frame
     * closes its own at once (a Java caller of Lua that catches errors itself must see them closed).
     */

    /** Enters a protected call (or a coroutine's body); returns the mark the other methods take. */
    public int enterProtected() {
        protectedCalls++;
        return deferredCount;
    }

    /** Leaves the protected call entered with {@code mark}: closes never run by now are dropped (a kill unwinding). */
    public void leaveProtected(int mark) {
        protectedCalls--;
        takeDeferred(mark);
    }

    /** Whether frames of the protected call entered with {@code mark} left variables to close (an error a Java function caught). */
    public boolean hasDeferred(int mark) {
        return deferredCount > mark;
    }

    /**
     * Closes, innermost frame first and each frame's newest first, the variables the error {@code error}
     * left pending inside the protected call entered with {@code mark}, on this thread; each __close gets
     * the error, and an error raised by one replaces it, as in Lua 5.4. Returns the error the protected
     * call reports ({@code error} itself when no __close failed; null for a null error and no failure).
     */
    public LuaValue closeDeferred(int mark, LuaValue error) {
        ToBeClosed[] lists = takeDeferred(mark);
        return lists == null ? error : close(lists, mark, error);
    }

    private ToBeClosed[] takeDeferred(int mark) {
        if (deferredCount <= mark) return null;
        ToBeClosed[] lists = Arrays.copyOfRange(deferred, mark, deferredCount);
        while (deferredCount > mark) deferred[--deferredCount] = null;
        return lists;
    }

    private LuaValue close(ToBeClosed[] lists, int mark, LuaValue error) {
        for (ToBeClosed list : lists) {
            while (list.pending()) {
                try {
                    list.closeNewest(error != null ? error : LuaValue.NIL);
                } catch (LuaError e) {
                    LuaValue m = e.getMessageObject();
                    error = closeDeferred(mark, m != null ? m : LuaValue.NIL); // the failed __close's own frames' first
                } catch (StackOverflowError e) {
                    error = closeDeferred(mark, LuaValue.valueOf("stack overflow"));
                }
            }
        }
        return error;
    }

    /**
     * Takes the variables an error left pending in a coroutine's body (entered with {@code mark}): Lua 5.4
     * closes them only when the dead coroutine is closed (coroutine.close, or coroutine.wrap's caller).
     * Null if there are none.
     */
    public Pending takePending(int mark) {
        ToBeClosed[] lists = takeDeferred(mark);
        return lists == null ? null : new Pending(lists);
    }

    /** To-be-closed variables of a coroutine that died of an error (see {@link #takePending}). */
    public static final class Pending {
        private final ToBeClosed[] lists;

        private Pending(ToBeClosed[] lists) {
            this.lists = lists;
        }

        /**
         * Closes them on the running thread {@code t} with the coroutine's error, as a pcall would (no
         * enclosing xpcall handler sees their errors); returns the error to report.
         */
        public LuaValue close(LuaThread t, LuaValue error) {
            CallFrames f = of(t);
            LuaValue handler = t.errorfunc;
            t.errorfunc = null;
            int mark = f.enterProtected();
            try {
                return f.close(lists, mark, error);
            } finally {
                f.leaveProtected(mark);
                t.errorfunc = handler;
            }
        }
    }

    /** An error unwinds a frame with to-be-closed variables: true if they wait for a protected call (then they are taken). */
    boolean defer(ToBeClosed list) {
        if (protectedCalls == 0) return false;
        if (deferredCount == deferred.length) deferred = Arrays.copyOf(deferred, 2 * deferredCount);
        deferred[deferredCount++] = list;
        return true;
    }

    /** The outermost frame of {@code t} is called by a host program: its tracebacks end in "[C]: in ?" as lua's do. */
    public static void calledByHost(LuaThread t) {
        of(t).hostBelow = true;
    }

    /** The coroutine of these frames died of {@code e}: its traceback shows where, until {@link #closed}. */
    public void diedOf(LuaError e) {
        died = e.frames;
    }

    /** The coroutine of these frames was closed: it has no frames left to show. */
    public void closed() {
        died = null;
    }

    /** A Lua error passes the frame {@code c}, executing {@code pc}. */
    static void unwinding(LuaError le, Call c, int pc) {
        c.pc = pc;
        if (le.frames == null) le.frames = new Snapshot(c);
        else le.frames.passed(c, pc);
    }

    /** The frames from {@code c} outward, outermost first (index: depth). */
    private static Call[] chain(Call c) {
        Call[] calls = new Call[c == null ? 0 : c.depth + 1];
        for (; c != null; c = c.caller) calls[c.depth] = c;
        return calls;
    }

    /** How a caller names the function it calls: {@code name} and its kind ("global", "local", "method"...). */
    private record Name(String name, String namewhat) {}

    /** A debug hook's function, which no call instruction called. */
    private static final Name HOOK = new Name("?", "hook");
    /** A finalizer, which no call instruction called either (Lua 5.4's CIST_FIN). */
    private static final Name FINALIZER = new Name("__gc", "metamethod");

    /**
     * One line of a traceback: a Lua frame, or a Java function ({@code function}) called from one.
     * {@code javaName}: the Java function's name, or a Lua frame's when its caller is no call instruction (a hook).
     * {@code metamethod}: the event of the metamethod the Lua frame is calling, if any. {@code hooked}: the
     * level a running hook reports on (its call or return event's values are {@link #transfer}).
     */
    private record Line(LuaClosure closure, int pc, LuaValue function, Name javaName, LuaValue metamethod, boolean tail, boolean hooked) {
        /**
         * As Lua 5.4's luaL_traceback: a function a loaded module holds by its name there, else by how
         * its caller called it ("local 'f'", "method 'm'", "metamethod 'add'"), else the main chunk or
         * where it was defined.
         */
        String format(Name called, Globals globals) {
            String global = LoadedNames.of(globals, closure != null ? closure : function);
            String where;
            if (closure == null) {
                where = "[C]:";
            } else {
                Prototype p = closure.p;
                where = LuaErrors.chunkid(p.source != null ? p.source.tojstring() : null) + ":";
                int at = at(pc), line = p.lineinfo != null && at < p.lineinfo.length ? p.lineinfo[at] : -1;
                if (line > 0) where += line + ":";
            }
            if (global != null) return where + " in function '" + global + "'";
            if (called != null) return where + " in " + called.namewhat + " '" + called.name + "'";
            if (closure == null) return where + " in ?";
            Prototype p = closure.p;
            if (p.linedefined == 0) return where + " in main chunk";
            return where + " in function <" + LuaErrors.chunkid(p.source != null ? p.source.tojstring() : null) + ":" + p.linedefined + ">";
        }
    }

    /** The frames of an error where it was raised. */
    static final class Snapshot {
        private final LuaClosure[] closures;
        private final int[] pcs;
        private final LuaValue[] callees, metamethods;

        Snapshot(Call innermost) {
            Call[] calls = chain(innermost);
            int n = calls.length;
            closures = new LuaClosure[n];
            pcs = new int[n];
            callees = new LuaValue[n];
            metamethods = new LuaValue[n];
            for (int i = 0; i < n; i++) {
                closures[i] = calls[i].closure;
                pcs[i] = calls[i].pc;
                callees[i] = callee(closures[i], calls[i].pc, calls[i].stack);
                metamethods[i] = calls[i].metamethod;
            }
        }

        void passed(Call c, int pc) {
            int depth = c.depth;
            if (depth >= pcs.length || pcs[depth] == pc) return;
            pcs[depth] = pc;
            callees[depth] = callee(closures[depth], pc, c.stack);
        }

        String format() {
            return CallFrames.format(lines(), 1, globals());
        }

        List<Line> lines() {
            return CallFrames.lines(closures, pcs, callees, metamethods, null, closures.length, null, -1, -1);
        }

        /** The state the frames ran in. */
        Globals globals() {
            for (LuaClosure c : closures) if (c != null && c.globals != null) return c.globals;
            return null;
        }
    }

    /** The instruction a frame's {@code pc} field stands for (negative: after the call at -1 - pc). */
    static int at(int pc) {
        return pc < 0 ? -1 - pc : pc;
    }

    /** Whether instruction {@code pc} of {@code p} calls a function: CALL, TAILCALL or a generic for's TFORCALL. */
    static boolean callInstruction(Prototype p, int pc) {
        if (pc < 0 || pc >= p.code.length) return false;
        int op = Lua.GET_OPCODE(p.code[pc]);
        return op == Lua.OP_CALL || op == Lua.OP_TAILCALL || op == Lua.OP_TFORCALL;
    }

    /** The function a frame is calling at {@code pc} (the instruction is a call in progress), else null. */
    private static LuaValue callee(LuaClosure c, int pc, LuaValue[] stack) {
        if (stack == null || !callInstruction(c.p, pc)) return null;
        int a = Lua.GETARG_A(c.p.code[pc]);
        return a < stack.length ? stack[a] : null;
    }

    /**
     * The traceback lines, innermost first: each Lua frame, and before it the Java function it is
     * calling when that is not a Lua function (error, pcall, ...) — except {@code self}, the function
     * asking (debug.traceback, debug.getinfo), which is level 0.
     */
    private static List<Line> lines(LuaClosure[] closures, int[] pcs, LuaValue[] callees, LuaValue[] metamethods, boolean[] tails, int n, LuaValue self, int hookDepth, int finalizerDepth) {
        List<Line> lines = new ArrayList<>(n + 4);
        boolean hooked = false; // the line after a hook's is the level it reports on
        for (int i = n - 1; i >= 0; i--) {
            LuaValue callee = callees[i];
            boolean innermost = i == n - 1;
            if (callee != null && callee.isfunction() && !(callee instanceof LuaClosure) && !(innermost && callee == self)) {
                lines.add(new Line(null, -1, callee, calledName(closures[i], pcs[i], null), null, false, hooked));
                hooked = false;
            }
            lines.add(new Line(closures[i], pcs[i], null, i == hookDepth ? HOOK : i == finalizerDepth ? FINALIZER : null, metamethods[i], tails != null && tails[i], hooked));
            hooked = i == hookDepth;
        }
        return lines;
    }

    /** The name a frame calls its callee by at {@code pc} ("error", "f", "m"; the event of {@code metamethod}), or null. */
    private static Name calledName(LuaClosure caller, int pc, LuaValue metamethod) {
        if (metamethod != null) {
            String event = metamethod.tojstring();
            return new Name(event.startsWith("__") ? event.substring(2) : event, "metamethod");
        }
        if (pc < 0) return null; // its last call has returned
        int i = caller.p.code[pc];
        int op = Lua.GET_OPCODE(i);
        if (op == Lua.OP_TFORCALL) return new Name("for iterator", "for iterator");
        if (op == Lua.OP_RETURN || op == Lua.OP_JMP) return new Name("close", "metamethod"); // closing to-be-closed variables
        if (op != Lua.OP_CALL && op != Lua.OP_TAILCALL) return null; // called by a metamethod
        String[] name = new String[1];
        String what = LuaErrors.getobjname(caller.p, pc, Lua.GETARG_A(i), name);
        return what != null ? new Name(name[0], what) : null;
    }

    /** Lua's traceback text for {@code lines} from {@code level} (1: the first line). */
    private static String format(List<Line> lines, int level, Globals globals) {
        StringBuilder sb = new StringBuilder("stack traceback:");
        int n = lines.size();
        for (int i = level - 1; i < n; i++) {
            int count = n - level + 1;
            if (count > LEVELS_FIRST + LEVELS_LAST + 1 && i == level - 1 + LEVELS_FIRST) {
                // the count Lua 5.4.4 prints, one less than the lines left out
                sb.append("\n\t...\t(skipping ").append(count - LEVELS_FIRST - LEVELS_LAST - 1).append(" levels)");
                i = n - LEVELS_LAST - 1;
                continue;
            }
            Line l = lines.get(i);
            // a Lua frame is named by the frame below it when that one called it directly
            Name name = l.javaName;
            if (l.closure != null && name == null && !l.tail && i + 1 < n && lines.get(i + 1).closure != null) {
                Line caller = lines.get(i + 1);
                name = calledName(caller.closure, caller.pc, caller.metamethod);
            }
            sb.append("\n\t").append(l.format(name, globals));
            if (l.tail) sb.append("\n\t(...tail calls...)");
        }
        return sb.toString();
    }

    // ---------------------------------------------------------------- the live frames of a thread

    private static List<Line> liveLines(LuaThread t, LuaValue self) {
        CallFrames f = t.callFrames;
        Call[] calls = chain(f == null ? null : f.top);
        int n = calls.length;
        LuaClosure[] closures = new LuaClosure[n];
        int[] pcs = new int[n];
        LuaValue[] callees = new LuaValue[n], metamethods = new LuaValue[n];
        boolean[] tails = new boolean[n];
        for (int i = 0; i < n; i++) {
            closures[i] = calls[i].closure;
            pcs[i] = calls[i].pc;
            callees[i] = callee(closures[i], calls[i].pc, calls[i].stack);
            metamethods[i] = calls[i].metamethod;
            tails[i] = calls[i].tail;
        }
        List<Line> lines = lines(closures, pcs, callees, metamethods, tails, n, self, f == null ? -1 : f.hookDepth, f == null ? -1 : f.finalizerDepth);
        if (n > 0 && f.hostBelow) lines.add(new Line(null, -1, null, null, null, false, false));
        return lines;
    }

    /**
     * The closures and register arrays of the frames of {@code t}, alternating, outermost first:
     * what its running or suspended Lua code holds, for io.skynetj.lua.LuaFootprint's memory walk.
     */
    public static Object[] closuresAndRegisters(LuaThread t) {
        CallFrames f = t.callFrames;
        Call[] calls = chain(f == null ? null : f.top);
        Object[] held = new Object[2 * calls.length];
        for (int i = 0; i < calls.length; i++) {
            held[2 * i] = calls[i].closure;
            held[2 * i + 1] = calls[i].stack;
        }
        return held;
    }

    /**
     * The frames of {@code t} by level as {@link #frame} counts them (index 0: level 1): the Lua
     * frame of each level, null at a Java function's level; {@code hooked}, the level a running call or
     * return hook reports on (0: none), and the values its event transfers. For debug.getlocal and
     * debug.setlocal.
     */
    record Levels(Call[] calls, int hooked, DebugHook.Transfer transfer) {}

    static Levels levels(LuaThread t, LuaValue self) {
        CallFrames f = t.callFrames;
        Call[] calls = chain(f == null ? null : f.top);
        List<Line> lines = liveLines(t, self);
        Call[] levels = new Call[lines.size()];
        int depth = calls.length, hooked = 0;
        for (int i = 0; i < levels.length; i++) {
            if (lines.get(i).closure != null) levels[i] = calls[--depth];
            if (lines.get(i).hooked) hooked = i + 1;
        }
        DebugHook.Transfer transfer = f == null ? null : f.transfer;
        return new Levels(levels, transfer == null ? 0 : hooked, transfer);
    }

    /** The traceback lines of {@code t}: its live frames, or those of the error a dead coroutine died of. */
    private static List<Line> linesOf(LuaThread t, LuaValue self) {
        CallFrames f = t.callFrames;
        return f != null && f.top == null && f.died != null ? f.died.lines() : liveLines(t, self);
    }

    /** debug.traceback's text for the frames of {@code t} from {@code level} (1: the caller of {@code self}). */
    public static String traceback(LuaThread t, LuaValue self, int level) {
        return format(linesOf(t, self), Math.max(level, 1), t.globals);
    }

    /**
     * debug.getinfo(level) of thread {@code t}, asked by {@code self}: the function at that level
     * (a Lua closure, or the Java function at a [C] level), its current line (-1 for Java functions)
     * and the name its caller called it by; null past the last level.
     */
    public static Frame frame(LuaThread t, LuaValue self, int level) {
        List<Line> lines = linesOf(t, self);
        if (level < 1 || level > lines.size()) return null;
        Line l = lines.get(level - 1);
        DebugHook.Transfer transfer = l.hooked ? t.callFrames.transfer : null;
        if (transfer != null && transfer.count == 0) transfer = null; // Lua 5.4 reports no transfer of nothing
        int ftransfer = transfer == null ? 0 : transfer.first, ntransfer = transfer == null ? 0 : transfer.count;
        if (l.closure == null)
            return new Frame(null, l.function, -1, l.javaName != null ? l.javaName.name : null, l.javaName != null ? l.javaName.namewhat : null, false, ftransfer, ntransfer);
        Line caller = level < lines.size() ? lines.get(level) : null;
        Name name = l.javaName != null ? l.javaName
                : !l.tail && caller != null && caller.closure != null ? calledName(caller.closure, caller.pc, caller.metamethod) : null;
        Prototype p = l.closure.p;
        int at = at(l.pc), line = p.lineinfo != null && at < p.lineinfo.length ? p.lineinfo[at] : -1;
        return new Frame(l.closure, l.closure, line, name != null ? name.name : null, name != null ? name.namewhat : null, l.tail, ftransfer, ntransfer);
    }

    /**
     * One level of debug.getinfo: {@code closure} is null for a Java function. {@code ftransfer} and
     * {@code ntransfer}: the slots holding the values a running call or return hook's event transfers (0 and 0 elsewhere).
     */
    public record Frame(LuaClosure closure, LuaValue function, int currentline, String name, String namewhat, boolean istailcall, int ftransfer, int ntransfer) {}
}
