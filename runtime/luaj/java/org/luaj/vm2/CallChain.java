package org.luaj.vm2;

/**
 * skynetj: a tail call ({@code return f(...)}) of a value that is not a function, as Lua 5.4 makes it.
 *
 * <p>Calling a callable value calls its {@code __call} metamethod with the value before the arguments; that
 * metamethod may itself be a callable value, and so on (a chain). Lua 5.4 walks the chain in place and
 * tail-calls the function at its end, so {@code return t()} in a recursion through a callable table does
 * not grow the stack. LuaJ called the value through {@link LuaValue#invoke}, one Java call per call, and
 * 10,000 nested tail calls overflowed the Java stack. Here the chain is walked first: a Lua function at its
 * end is tail-called like any other; a Java function is called from the calling frame (so its errors
 * name that frame's line, as 0003 does for Java functions in tail position).
 */
final class CallChain {
	/** Lua 5.4 limits a chain only by its stack (a million slots): a longer one is a stack overflow. */
	private static final int LONGEST = 1_000_000;

	private CallChain() {
	}

	/** The tail call of f, not a Lua function, with args: the chain is walked and its end called. */
	static Varargs tailcall(LuaValue f, Varargs args) {
		LuaValue[] callables = null;
		int n = 0;
		LuaValue end = f;
		while (!end.isfunction()) {
			LuaValue next = end.metatag(LuaValue.CALL);
			if (next.isnil())
				break; // invoke raises "attempt to call ..." for this value
			if (n == LONGEST)
				throw new LuaError("stack overflow");
			if (callables == null)
				callables = new LuaValue[4];
			else if (n == callables.length)
				callables = java.util.Arrays.copyOf(callables, 2 * n);
			callables[n++] = end;
			end = next;
		}
		if (n > 0) {
			// the last callable value goes first: each metamethod gets the value it was found in, then the rest
			int extra = args.narg();
			LuaValue[] all = new LuaValue[n + extra];
			for (int k = 0; k < n; k++)
				all[k] = callables[n - 1 - k];
			for (int k = 1; k <= extra; k++)
				all[n + k - 1] = args.arg(k);
			args = LuaValue.varargsOf(all);
		}
		return end instanceof LuaClosure ? new TailcallVarargs(end, args) : end.invoke(args);
	}
}
