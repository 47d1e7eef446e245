package org.luaj.vm2;

// skynetj's own class (not LuaJ's), compiled into LuaJ's package with the patched sources: see runtime/luaj/README.md.
/**
 * A library function's bad argument, as Lua 5.4's luaL_argerror reports it:
 * {@code bad argument #2 to 'rep' (number expected, got no value)}.
 *
 * <p>The function that raises it does not know the name it was called by, and a check on a value
 * ({@code v.checkint()}) does not know which argument the value was. Both are filled in where they
 * are known: the argument by {@link Varargs}' checks ({@link #at}), the name by the Lua frame whose
 * call failed ({@link #describe}: {@code 'rep'} for {@code string.rep(...)}, "calling 'rep' on bad
 * self" for {@code s:rep()}), or by a Java caller such as pcall ({@link #calledFromJava}: the name
 * the function has in {@code package.loaded}, {@code 'string.rep'}). The text is only built when the
 * error happens.
 */
public final class LuaArgError extends LuaError {
    private static final long serialVersionUID = 1L;

    private int arg; // 1-based; 0 while not known
    private boolean noValue; // the argument is missing (not a nil passed)
    private final String expected; // "number" in "number expected, got ..."; null when problem says it all
    private final LuaValue got;
    private final String problem;
    private final String function; // the name to use while no caller names the function
    private LuaValue calledByJava; // the failing function when Java code called it (sort's comparison...)
    private String shown; // the message without position

    private LuaArgError(int arg, String expected, LuaValue got, String problem, String function) {
        super((String) null);
        this.arg = arg;
        this.expected = expected;
        this.got = got;
        this.problem = problem;
        this.function = function;
        this.kind = LuaErrors.ARG;
        setMessageText(text(function, arg));
    }

    /** The value {@code got} cannot be the argument as {@code problem} says ("number has no integer representation"). */
    public static LuaArgError unfit(LuaValue got, String problem) {
        return new LuaArgError(0, null, got, problem, null);
    }

    /** A value of the wrong type; LuaJ's names ("int", "double", "String") read as Lua's. */
    public static LuaArgError expected(String what, LuaValue got) {
        return expected(0, what, got);
    }

    /** As {@link #expected(String, LuaValue)} for argument {@code arg} (0: not known). */
    public static LuaArgError expected(int arg, String what, LuaValue got) {
        return new LuaArgError(arg, luaTypeName(what), got, null, null);
    }

    /** Argument {@code arg} of {@code function} (null: not known) is wrong as {@code problem} says. */
    public static LuaArgError problem(int arg, String function, String problem) {
        return new LuaArgError(arg, null, null, problem, function);
    }

    private static String luaTypeName(String what) {
        switch (what) {
            case "int": case "integer": case "long": case "double": return "number";
            case "String": return "string";
            case "closure": return "function";
            case "object": return "userdata";
            default: return what;
        }
    }

    /** Names the argument: it was argument {@code i} of {@code args} (Varargs' checks). */
    LuaArgError at(int i, Varargs args) {
        if (arg == 0) {
            arg = i;
            noValue = i > args.narg();
            setMessageText(text(function, arg));
        }
        return this;
    }

    /** Lua 5.4 positions an error only when Lua code called the function that raised it: a library's call has none. */
    @Override
    public String getMessage() {
        return calledByJava != null ? shown : super.getMessage();
    }

    @Override
    void setMessageText(String m) {
        shown = m;
        super.setMessageText(m);
    }

    private String detail() {
        if (expected == null) return problem;
        return expected + " expected, got " + (noValue ? "no value" : LuaErrors.objtypename(got));
    }

    private String text(String name, int n) {
        String where = n > 0 ? "bad argument #" + n : "bad argument";
        return (name != null ? where + " to '" + name + "'" : where) + " (" + detail() + ")";
    }

    /**
     * The message once the Lua function {@code cl} is known to have called the failing function at
     * {@code pc}; null when that instruction is no call (the error came from a metamethod, say).
     */
    String describe(LuaClosure cl, int pc, LuaValue[] stack) {
        try {
            return callerDescribes(cl, pc, stack);
        } catch (RuntimeException e) {
            return null; // naming is best effort; never mask the error
        }
    }

    private String callerDescribes(LuaClosure cl, int pc, LuaValue[] stack) {
        Prototype p = cl.p;
        int i = p.code[pc];
        int op = Lua.GET_OPCODE(i);
        if (op != Lua.OP_CALL && op != Lua.OP_TAILCALL) return null;
        int a = Lua.GETARG_A(i), b = Lua.GETARG_B(i);
        if (arg == 0 && got != null && b > 0) locate(java.util.Arrays.asList(stack).subList(a + 1, a + b));
        if (calledByJava != null) return text(globalName(cl.globals, calledByJava), arg);
        String[] name = new String[1];
        String what = LuaErrors.getobjname(p, pc, a, name);
        if ("method".equals(what)) {
            if (arg == 1) return "calling '" + name[0] + "' on bad self (" + detail() + ")";
            if (arg > 1) return text(name[0], arg - 1);
        }
        return text(what != null ? name[0] : globalName(cl.globals, stack[a]), arg);
    }

    /**
     * A value check failed without knowing the argument: the first of the call's arguments that is
     * that value, or the first missing one for nil.
     */
    private void locate(java.util.List<LuaValue> args) {
        int k = args.indexOf(got); // LuaValue.equals is Lua's raw equality; the same value is what the check saw
        if (k >= 0) {
            arg = k + 1;
        } else if (got.isnil()) {
            arg = args.size() + 1;
            noValue = true;
        }
    }

    /**
     * {@code e} came out of {@code f}, which Java code (sort's comparison, gsub's replacement) called:
     * a bad argument of f's own is named as Lua 5.4 names functions no Lua code called, by their place
     * in {@code package.loaded}, once a Lua frame (which knows the globals) takes the error.
     */
    public static void calledFromJava(LuaError e, LuaValue f) {
        if (e instanceof LuaArgError && e.kind == LuaErrors.ARG && !e.handled && ((LuaArgError) e).calledByJava == null)
            ((LuaArgError) e).calledByJava = f;
    }

    /** As {@link #calledFromJava(LuaError, LuaValue)} for a Java caller that takes the error itself (pcall, with f's {@code args}): named now. */
    public static void calledFromJava(LuaError e, LuaValue f, Varargs args, Globals globals) {
        calledFromJava(e, f);
        if (!(e instanceof LuaArgError) || e.kind != LuaErrors.ARG || e.handled) return;
        LuaArgError ae = (LuaArgError) e;
        ae.kind = LuaErrors.NONE;
        if (ae.arg == 0 && ae.got != null) {
            java.util.List<LuaValue> list = new java.util.ArrayList<>();
            for (int i = 1; i <= args.narg(); i++) list.add(args.arg(i));
            ae.locate(list);
        }
        ae.setMessageText(ae.text(globalName(globals, ae.calledByJava), ae.arg));
    }

    /** "string.rep" for a function of a loaded module, "print" for one in _G, else "?" (Lua 5.4's pushglobalfuncname). */
    static String globalName(Globals globals, LuaValue f) {
        String name = LoadedNames.of(globals, f);
        return name != null ? name : "?";
    }
}
