package io.skynetj.lua.lib;

import org.luaj.vm2.CallFrames;
import org.luaj.vm2.LuaArgError;
import org.luaj.vm2.Globals;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaString;
import org.luaj.vm2.LuaThread;
import org.luaj.vm2.LuaValue;
import org.luaj.vm2.Varargs;
import org.luaj.vm2.lib.TwoArgFunction;

/**
 * {@code error}, {@code pcall} and {@code xpcall} with Lua 5.2's semantics, on the error handling the
 * LuaJ patches give LuaError (positions by level, the xpcall handler run where the error is raised).
 *
 * <p>Only Lua errors (and a Java stack overflow, Lua's "stack overflow") are caught: anything else is
 * the kernel unwinding the thread (a killed service, a closed coroutine) and must go through.
 */
final class ProtectedCalls {
    private ProtectedCalls() {}

    static void install(Globals g) {
        g.set("error", new Error());
        g.set("pcall", new PCall(g));
        g.set("xpcall", new XPCall(g));
    }

    /** error(message [, level]): a string with level > 0 gets a position; other values are raised as they are. */
    private static final class Error extends TwoArgFunction {
        @Override
        public LuaValue call(LuaValue message, LuaValue level) {
            int lv = level.optint(1);
            if (message.isnil()) throw new LuaError((String) null, lv);
            if (message instanceof LuaString && lv > 0) throw new LuaError(message.tojstring(), lv); // Lua 5.4: numbers stay numbers
            throw new LuaError(message);
        }
    }

    /**
     * The protected call failed with {@code message}: the to-be-closed variables the error left pending
     * close now that the stack has unwound to this call (Lua 5.4); an error one raises is reported instead.
     */
    private static Varargs failed(CallFrames frames, int mark, LuaValue message) {
        LuaValue m = frames.closeDeferred(mark, message != null ? message : LuaValue.NIL);
        return LuaValue.varargsOf(LuaValue.FALSE, m);
    }

    /**
     * The call returned. Variables still pending were left by an error a Java function inside the call
     * caught (load's reader, say): they close now rather than never, and an error one raises fails the call.
     */
    private static Varargs succeeded(CallFrames frames, int mark, Varargs results) {
        LuaValue error = frames.hasDeferred(mark) ? frames.closeDeferred(mark, null) : null;
        return error == null ? LuaValue.varargsOf(LuaValue.TRUE, results) : LuaValue.varargsOf(LuaValue.FALSE, error);
    }

    /** A Java function called directly by pcall failed with a Java exception: its message, as a Lua error value. */
    private static LuaValue javaFailure(RuntimeException e) {
        return LuaValue.valueOf(e.getMessage() != null ? e.getMessage() : e.toString());
    }

    private static final LuaValue STACK_OVERFLOW = LuaValue.valueOf("stack overflow");

    private static final class PCall extends StateFunction {
        PCall(Globals globals) {
            super(globals);
        }

        @Override
        public Varargs invoke(Varargs args) {
            LuaValue f = args.checkvalue(1);
            // As in Lua 5.2, an enclosing xpcall's handler does not see the errors this pcall catches.
            LuaThread t = globals.running;
            LuaValue outer = t.errorfunc;
            t.errorfunc = null;
            CallFrames frames = CallFrames.of(t);
            int mark = frames.enterProtected();
            try {
                return succeeded(frames, mark, f.invoke(args.subargs(2)));
            } catch (LuaError e) {
                LuaArgError.calledFromJava(e, f, args.subargs(2), globals);
                return failed(frames, mark, e.getMessageObject());
            } catch (StackOverflowError e) {
                return failed(frames, mark, STACK_OVERFLOW);
            } catch (RuntimeException e) {
                return failed(frames, mark, javaFailure(e));
            } finally {
                frames.leaveProtected(mark);
                t.errorfunc = outer;
            }
        }
    }

    private static final class XPCall extends StateFunction {
        XPCall(Globals globals) {
            super(globals);
        }

        @Override
        public Varargs invoke(Varargs args) {
            LuaThread t = globals.running;
            LuaValue outer = t.errorfunc;
            t.errorfunc = args.checkvalue(2);
            CallFrames frames = CallFrames.of(t);
            int mark = frames.enterProtected();
            try {
                return succeeded(frames, mark, args.arg1().invoke(args.subargs(3)));
            } catch (LuaError e) {
                LuaArgError.calledFromJava(e, args.arg1(), args.subargs(3), globals);
                e.callHandler(globals); // an error no Lua frame took (raised by a Java function) gets the handler here
                return failed(frames, mark, e.getMessageObject());
            } catch (StackOverflowError e) {
                LuaError le = new LuaError(STACK_OVERFLOW);
                le.callHandler(globals);
                return failed(frames, mark, le.getMessageObject());
            } catch (RuntimeException e) {
                return failed(frames, mark, javaFailure(e));
            } finally {
                frames.leaveProtected(mark);
                t.errorfunc = outer;
            }
        }
    }
}
