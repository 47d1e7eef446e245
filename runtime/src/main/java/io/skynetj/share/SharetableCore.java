package io.skynetj.share;

import io.skynetj.lua.Pointer;
import io.skynetj.lua.lib.LuaFn;
import io.skynetj.lua.lib.NotStarted;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaClosure;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaFunction;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaThread;
import org.luaj.vm2.LuaUserdata;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;

/**
 * {@code require "skynet.sharetable.core"}, the module skynet's own {@code sharetable.lua} is written
 * on. {@code matrix(source, ...)} runs a data file or string (in an environment of its own, reading
 * the service's standard globals) and freezes the table it returns: the node's one copy, boxed with
 * skynet's {@code close}, {@code getptr} (its light userdata) and {@code size} (an estimate of its
 * bytes). {@code clone(ptr)} gives a service a table that reads that copy in place (as skynet's
 * clone shares the table's parts), {@code is_sharedtable(t)} tells such tables apart.
 * A matrix may hold Lua functions without upvalues, as skynet's may; each reading service calls its
 * own closure of one ({@link SharedView.Functions}).
 * {@code stackvalues} serves skynet's {@code sharetable.update}, which rewrites references on
 * coroutine stacks with debug.getlocal/setlocal.
 */
final class SharetableCore {
    private SharetableCore() {}

    /** One loaded matrix: the frozen table at its address until closed. */
    private static final class Matrix {
        final LuaTable data;
        LuaValue pointer;

        Matrix(LuaTable data) {
            this.data = data;
            this.pointer = Pointer.allocate(this);
        }
    }

    static LuaTable create(LuaTable globals) {
        LuaTable methods = new LuaTable();
        methods.set("close", LuaFn.of("close", a -> {
            Matrix m = matrix(a.arg1());
            if (m.pointer != null) Pointer.free(m.pointer);
            m.pointer = null;
            return LuaValue.NONE;
        }));
        methods.set("getptr", LuaFn.of("getptr", a -> {
            Matrix m = matrix(a.arg1());
            return m.pointer == null ? LuaValue.NONE : m.pointer;
        }));
        methods.set("size", LuaFn.of("size", a -> {
            Matrix m = matrix(a.arg1());
            return LuaValue.valueOf(m.pointer == null ? 0 : estimate(m.data));
        }));
        LuaTable boxMeta = new LuaTable();
        boxMeta.set("__index", methods);

        SharedView.Functions functions = globals instanceof Globals g ? new SharedView.Functions(g) : null;
        LuaTable core = new LuaTable();
        core.set("matrix", LuaFn.of("matrix", a -> new LuaUserdata(new Matrix(run(globals, a)), boxMeta)));
        core.set("clone", LuaFn.of("clone", a -> {
            LuaTable data = Pointer.deref(a.arg1(), Matrix.class, "sharetable matrix").data;
            return new SharedView(new SharedView.Root(new SharedEntry("sharetable", data), false, functions));
        }));
        core.set("is_sharedtable", LuaFn.of("is_sharedtable", a -> LuaValue.valueOf(a.arg1() instanceof SharedView)));
        core.set("stackvalues", LuaFn.of("stackvalues", a -> stackValues(globals, a)));
        return core;
    }

    /**
     * {@code stackvalues(co, t)}: puts into {@code t} the values on another thread's stack that no frame
     * names, and returns how many (0 for the running thread). A coroutine not started yet has its body
     * there, as in Lua; a started one's values all sit in its frames, which debug.getlocal reads. A
     * skynet.fork or skynet.timeout callback not started gives its function and a table of its
     * arguments (skynet's fork keeps them packed in a table).
     */
    private static Varargs stackValues(LuaTable globals, Varargs a) {
        if (!(a.arg1() instanceof LuaThread co)) throw new LuaError("bad argument #1 to 'stackvalues' (thread expected)");
        if (globals instanceof Globals g && co == g.running) return LuaValue.valueOf(0);
        LuaTable values = a.checktable(2);
        if (co instanceof NotStarted pending) {
            Varargs body = pending.body();
            for (int i = 1; i <= body.narg(); i++) values.set(i, body.arg(i));
            return LuaValue.valueOf(body.narg());
        }
        if (co.state.status != LuaThread.STATUS_INITIAL || co.state.function == null) return LuaValue.valueOf(0);
        values.set(1, co.state.function);
        return LuaValue.valueOf(1);
    }

    /** Loads "@file" or a source string, calls it with the arguments after it and freezes the table it returns. */
    private static LuaTable run(LuaTable globals, Varargs a) {
        String source = a.checkjstring(1);
        LuaValue[] args = new LuaValue[a.narg() - 1];
        for (int i = 2; i <= a.narg(); i++) {
            LuaValue v = a.arg(i);
            switch (v.type()) {
                case LuaValue.TBOOLEAN, LuaValue.TNUMBER -> { }
                case LuaValue.TUSERDATA -> {
                    if (Pointer.address(v) == 0) throw badArgument(i, "Type invalid");
                }
                case LuaValue.TFUNCTION -> {
                    if (v instanceof LuaClosure || !(v instanceof LuaFunction)) throw badArgument(i, "Only support light C function");
                }
                default -> throw badArgument(i, "Type invalid");
            }
            args[i - 2] = v;
        }
        LuaTable env = new LuaTable();
        LuaTable envMeta = new LuaTable();
        envMeta.set("__index", globals);
        env.setmetatable(envMeta);
        Varargs loaded = source.startsWith("@")
            ? globals.get("loadfile").invoke(LuaValue.varargsOf(LuaValue.valueOf(source.substring(1)), LuaValue.valueOf("bt"), env))
            : globals.get("load").invoke(LuaValue.varargsOf(new LuaValue[] {LuaValue.valueOf(source), LuaValue.valueOf(source), LuaValue.valueOf("bt"), env}));
        if (loaded.arg1().isnil()) throw new LuaError(loaded.arg(2).tojstring());
        LuaValue result = loaded.arg1().invoke(LuaValue.varargsOf(args)).arg1();
        if (!result.istable()) throw new LuaError("Not a table, it's a " + result.typename() + ".");
        if (result.getmetatable() != null) throw new LuaError("Can't share metatable");
        return Frozen.copy(result.checktable(), true);
    }

    private static LuaError badArgument(int i, String why) {
        return new LuaError("bad argument #" + i + " to 'matrix' (" + why + ")");
    }

    private static Matrix matrix(LuaValue v) {
        if (v.isuserdata() && v.touserdata() instanceof Matrix m) return m;
        throw new LuaError("bad argument #1 (BOXMATRIXSTATE expected, got " + v.typename() + ")");
    }

    /** Bytes a frozen table takes, roughly: table headers, slots, and the strings' bytes. */
    private static long estimate(LuaTable t) {
        long bytes = 64;
        for (Varargs next = t.next(LuaValue.NIL); !next.arg1().isnil(); next = t.next(next.arg1())) {
            bytes += 32 + part(next.arg1()) + part(next.arg(2));
        }
        return bytes;
    }

    private static long part(LuaValue v) {
        if (v.istable()) return estimate(v.checktable());
        return v.type() == LuaValue.TSTRING ? 24 + v.rawlen() : 0;
    }
}
