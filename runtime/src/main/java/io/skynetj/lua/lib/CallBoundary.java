package io.skynetj.lua.lib;

import java.util.function.Predicate;
import java.util.function.Supplier;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * Lua 5.4's C-call boundary. A coroutine cannot yield from a Lua function that a library function
 * calls without a continuation: a {@code table.sort} comparator, a {@code string.gsub} replacement
 * function, {@code __tostring} run by {@code tostring}, {@code __index} run by {@code table.concat}...
 * There 5.4 raises "attempt to yield across a C-call boundary" and {@code coroutine.isyieldable()} is
 * false. Coroutines here are virtual threads and could yield from anywhere; refusing where 5.4 refuses
 * keeps code that runs here running on skynet, and code such as the official tests, which counts on the
 * refusal, working. {@code pcall}, {@code xpcall}'s function, {@code __pairs} and the metamethods the
 * interpreter itself calls stay yieldable, as in 5.4 ({@code skynet.call} inside {@code pcall}).
 *
 * <p>The boundary is a scoped value of the thread running the library function: a coroutine resumed
 * from inside runs on its own thread and may yield to its resumer.
 */
public final class CallBoundary {
    private static final ScopedValue<Boolean> CROSSED = ScopedValue.newInstance();

    private CallBoundary() {}

    /** Whether the running thread is inside a library function's call of Lua (it cannot yield). */
    public static boolean crossed() {
        return CROSSED.isBound();
    }

    /** Runs {@code call} behind the boundary: Lua code it runs cannot yield (a finalizer). */
    static Varargs call(Supplier<Varargs> call) {
        return CROSSED.isBound() ? call.get() : ScopedValue.where(CROSSED, Boolean.TRUE).call(call::get);
    }

    /** Replaces {@code lib[name]} by itself behind the boundary, for the calls {@code callsLua} picks. */
    static void mark(LuaTable lib, String name, Predicate<Varargs> callsLua) {
        lib.set(name, around(lib.get(name), callsLua));
    }

    /** {@code f} behind the boundary for the calls {@code callsLua} picks (where it may call Lua). */
    public static LuaValue around(LuaValue f, Predicate<Varargs> callsLua) {
        return new Bounded(f, callsLua);
    }

    /** Calls that may run a metamethod: an argument is a table or userdata with a metatable. */
    static boolean anyMetatable(Varargs args) {
        for (int i = 1, n = args.narg(); i <= n; i++) {
            LuaValue v = args.arg(i);
            if ((v.istable() || v.isuserdata()) && v.getmetatable() != null) return true;
        }
        return false;
    }

    /** Calls that may run a metamethod of the first argument. */
    static boolean firstHasMetatable(Varargs args) {
        LuaValue v = args.arg1();
        return (v.istable() || v.isuserdata()) && v.getmetatable() != null;
    }

    private static final class Bounded extends VarArgFunction {
        private final LuaValue inner;
        private final Predicate<Varargs> callsLua;

        Bounded(LuaValue inner, Predicate<Varargs> callsLua) {
            this.inner = inner;
            this.callsLua = callsLua;
        }

        @Override
        public String tojstring() {
            return inner.tojstring();
        }

        @Override
        public Varargs invoke(Varargs args) {
            // the cheap test first: most calls cannot run Lua (a plain table), and a scoped value's lookup is not free
            if (!callsLua.test(args) || CROSSED.isBound()) return inner.invoke(args);
            return ScopedValue.where(CROSSED, Boolean.TRUE).call(() -> inner.invoke(args));
        }
    }
}
