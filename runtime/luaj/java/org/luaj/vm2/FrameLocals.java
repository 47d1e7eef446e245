package org.luaj.vm2;

// skynetj's own class (not LuaJ's), compiled into LuaJ's package with the patched sources: see runtime/luaj/README.md.
/**
 * The local variables of recorded frames ({@link CallFrames}), for {@code debug.getlocal} and
 * {@code debug.setlocal} as Lua 5.4 numbers them: at a frame's pc, the named locals then active in
 * the order they were declared (local k lives in register k-1), then "(temporary)" for the registers
 * below the function the frame is calling, and "(vararg)" at -1, -2... for the values of {@code ...}.
 * A frame that is not the innermost Lua frame of its thread is always at a call, so that bound is
 * known; a suspended coroutine's frames stay as they were when it yielded, so another thread may read
 * and write them.
 */
public final class FrameLocals {
    /** The frames by level, as {@link CallFrames#frame} counts them (null at a Java function's level). */
    private final CallFrames.Call[] levels;
    /** The level a running call or return hook reports on (0: none) and the values its event transfers. */
    private final int hooked;
    private final DebugHook.Transfer transfer;

    private FrameLocals(CallFrames.Levels levels) {
        this.levels = levels.calls();
        this.hooked = levels.hooked();
        this.transfer = levels.transfer();
    }

    /** The frames of {@code t} as {@code self} sees them (null for another thread), read once for a lookup. */
    public static FrameLocals of(LuaThread t, LuaValue self) {
        return new FrameLocals(CallFrames.levels(t, self));
    }

    /** Lua 5.4's name for a Java function's slots. */
    public static final String C_TEMPORARY = "(C temporary)";

    /** Whether there is a frame at {@code level}. */
    public boolean hasLevel(int level) {
        return level >= 1 && level <= levels.length;
    }

    /** Name and value of local {@code n} at {@code level} (which exists), or null if none has that number. */
    public Varargs get(int level, int n) {
        CallFrames.Call c = luaFrame(level);
        LuaValue moved = level == hooked ? transfer.get(n) : null;
        if (moved != null) return LuaValue.varargsOf(LuaValue.valueOf(c == null ? C_TEMPORARY : transferName(c, n)), moved);
        if (c == null) return null;
        if (n < 0) return hasVararg(c, n) ? LuaValue.varargsOf(LuaValue.valueOf("(vararg)"), c.varargs.arg(-n)) : null;
        String name = name(c, n);
        if (name == null) return null;
        LuaValue v = c.stack[n - 1];
        return LuaValue.varargsOf(LuaValue.valueOf(name), v != null ? v : LuaValue.NIL); // a register not yet written is null
    }

    /** Sets local {@code n} at {@code level} (which exists) to {@code v}: its name, or null if none has that number. */
    public String set(int level, int n, LuaValue v) {
        CallFrames.Call c = luaFrame(level);
        if (level == hooked && transfer.set(n, v)) return c == null ? C_TEMPORARY : transferName(c, n);
        if (c == null) return null;
        if (n < 0) {
            if (!hasVararg(c, n)) return null;
            Varargs extra = c.varargs;
            LuaValue[] values = new LuaValue[extra.narg()];
            for (int i = 0; i < values.length; i++) values[i] = extra.arg(i + 1);
            values[-n - 1] = v;
            c.varargs = LuaValue.varargsOf(values);
            return "(vararg)";
        }
        String name = name(c, n);
        if (name != null) c.stack[n - 1] = v;
        return name;
    }

    /** {@code debug.getlocal(f, n)}: the name of parameter {@code n} of {@code c}, or null. */
    public static String parameter(LuaClosure c, int n) {
        return n >= 1 && n <= c.p.numparams ? activeLocal(c.p, n, 0) : null;
    }

    /** Whether frame {@code c} has a {@code -n}-th value of {@code ...}. */
    private static boolean hasVararg(CallFrames.Call c, int n) {
        return c.closure.p.is_vararg != 0 && c.varargs != null && -n <= c.varargs.narg();
    }

    private CallFrames.Call luaFrame(int level) {
        return hasLevel(level) ? levels[level - 1] : null;
    }

    /** The name of slot {@code n} of a Lua frame whose return event transfers it: a local active there, else a temporary. */
    private static String transferName(CallFrames.Call c, int n) {
        String local = activeLocal(c.closure.p, n, CallFrames.at(c.pc));
        return local != null ? local : "(temporary)";
    }

    /** The name of slot {@code n} (1-based) of frame {@code c}: a local active at its pc, a temporary, or null. */
    private static String name(CallFrames.Call c, int n) {
        if (n < 1 || c.stack == null || n > c.stack.length) return null;
        String local = activeLocal(c.closure.p, n, CallFrames.at(c.pc));
        if (local != null) return local;
        return n <= temporaryLimit(c) ? "(temporary)" : null;
    }

    /** The name of the {@code n}-th local active at {@code pc} of {@code p}, or null. */
    private static String activeLocal(Prototype p, int n, int pc) {
        LocVars[] vars = p.locvars;
        if (vars == null) return null;
        for (int i = 0; i < vars.length && vars[i].startpc <= pc; i++)
            if (pc < vars[i].endpc && --n == 0) return shown(vars[i].varname.tojstring());
        return null;
    }

    /** Lua 5.4 calls every hidden variable of a for loop "(for state)" (LuaJ's compiler names them as 5.2 did). */
    private static String shown(String name) {
        return name.startsWith("(for ") ? "(for state)" : name;
    }

    /**
     * How many slots a frame owns at its pc: those below the function it is calling (Lua 5.4 calls a
     * generic for's iterator from a copy four slots up). A frame caught elsewhere (in a metamethod or a
     * hook, not inside a call instruction) owns all its registers, as in Lua 5.4.
     */
    private static int temporaryLimit(CallFrames.Call c) {
        int[] code = c.closure.p.code;
        if (c.pc < 0 || c.pc >= code.length) return c.stack.length;
        int i = code[c.pc];
        int op = Lua.GET_OPCODE(i);
        int a = Lua.GETARG_A(i);
        if (op == Lua.OP_CALL || op == Lua.OP_TAILCALL) return a;
        if (op == Lua.OP_TFORCALL) return a + 4;
        return c.stack.length;
    }
}
