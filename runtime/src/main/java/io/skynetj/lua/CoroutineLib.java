package io.skynetj.lua;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

import io.skynetj.lua.lib.CallBoundary;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaThread;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.OneArgFunction;
import org.luaj.vm2.lib.TwoArgFunction;
import org.luaj.vm2.lib.VarArgFunction;

/**
 * The {@code coroutine} library (Lua 5.2, plus {@code isyieldable} and {@code close} from 5.3/5.4) on
 * {@link Coroutine}s, i.e. virtual threads. Load it after PackageLib, in place of LuaJ's:
 * {@code globals.load(new CoroutineLib())}.
 */
public final class CoroutineLib extends TwoArgFunction {

    private Globals globals;
    /** Unreachable suspended coroutines of these globals, queued by the cleaner for unwinding. */
    private final Queue<Coroutine.Core> orphans = new ConcurrentLinkedQueue<>();

    @Override
    public LuaValue call(LuaValue modname, LuaValue env) {
        globals = env.checkglobals();
        LuaTable coroutine = new LuaTable(0, 16);
        coroutine.set("create", new Create());
        coroutine.set("resume", new Resume());
        coroutine.set("yield", new Yield());
        coroutine.set("status", new Status());
        coroutine.set("running", new Running());
        coroutine.set("wrap", new Wrap());
        coroutine.set("isyieldable", new IsYieldable());
        coroutine.set("close", new Close());
        env.set("coroutine", coroutine);
        env.get("package").get("loaded").set("coroutine", coroutine);
        return coroutine;
    }

    // Creating coroutines is when orphans are unwound: cost in step with allocation, and on the Lua thread.
    private Coroutine newCoroutine(LuaValue function) {
        LuaValue checked = function.checkfunction();
        Coroutine.unwindOrphans(globals, orphans);
        return new Coroutine(globals, checked, orphans);
    }

    private final class Create extends OneArgFunction {
        @Override
        public LuaValue call(LuaValue function) {
            return newCoroutine(function);
        }
    }

    private static final class Resume extends VarArgFunction {
        @Override
        public Varargs invoke(Varargs args) {
            return args.checkthread(1).resume(args.subargs(2));
        }
    }

    private final class Yield extends VarArgFunction {
        @Override
        public Varargs invoke(Varargs args) {
            return Coroutine.yield(globals, args);
        }
    }

    private static final class Status extends OneArgFunction {
        @Override
        public LuaValue call(LuaValue thread) {
            return valueOf(thread.checkthread().getStatus());
        }
    }

    private final class Running extends VarArgFunction {
        @Override
        public Varargs invoke(Varargs args) {
            LuaThread running = globals.running;
            if (running instanceof RequestThread r) r.exposed = true; // Lua may keep it: never reused
            return varargsOf(running, valueOf(running.isMainThread()));
        }
    }

    private final class Wrap extends OneArgFunction {
        @Override
        public LuaValue call(LuaValue function) {
            return new Wrapper(newCoroutine(function));
        }
    }

    private static final class Wrapper extends VarArgFunction {
        private final Coroutine coroutine;

        Wrapper(Coroutine coroutine) {
            this.coroutine = coroutine;
        }

        @Override
        public Varargs invoke(Varargs args) {
            Varargs result = coroutine.resume(args);
            if (result.arg1().toboolean())
                return result.subargs(2);
            if (coroutine.getStatus().equals("dead")) { // died of this error: closed at once, as Lua 5.4's wrap does
                Varargs closed = coroutine.close();
                if (!closed.arg1().toboolean()) result = closed;
            }
            LuaValue error = result.arg(2);
            if (error.type() == TSTRING) // as Lua 5.4's wrap: a string gets the caller's position (a LuaError of level 1)
                throw new LuaError(error.tojstring());
            throw new LuaError(error); // any other value itself, so that pcall sees it unchanged
        }
    }

    private final class IsYieldable extends VarArgFunction {
        @Override
        public Varargs invoke(Varargs args) {
            LuaThread t = args.optthread(1, globals.running);
            return valueOf(t instanceof Coroutine && (t != globals.running || !CallBoundary.crossed()));
        }
    }

    private static final class Close extends VarArgFunction {
        @Override
        public Varargs invoke(Varargs args) {
            LuaThread thread = args.checkthread(1);
            if (thread instanceof Coroutine coroutine)
                return coroutine.close();
            throw new LuaError("cannot close a " + thread.getStatus() + " coroutine"); // a main thread
        }
    }
}
