package org.luaj.vm2;

/**
 * skynetj: the to-be-closed variables ({@code local x <close> = v}, Lua 5.4) of one running Lua call.
 *
 * <p>{@link LuaClosure} makes one at the call's first OP_TBC and closes the variables newest first: those of a
 * block when it ends or is left by break or goto (the OP_JMP that also closes upvalues), all of them when the
 * call returns (after the return values are taken), when an error unwinds the call (each {@code __close} gets
 * the error; an error raised by one replaces it for the rest) and when {@code coroutine.close} unwinds a
 * suspended coroutine ({@link CoroutineClose}).
 */
final class ToBeClosed {
	private static final LuaString CLOSE = LuaString.valueOf("__close");

	private int[] registers = new int[2];
	private LuaValue[] values = new LuaValue[2];
	private int n;

	/** OP_TBC for register a holding v: nil and false need no closing, any other value needs a __close. */
	static ToBeClosed mark(ToBeClosed list, LuaValue v, int a, Prototype p, int pc) {
		if (!v.toboolean())
			return list;
		if (closeMethod(v).isnil()) {
			LuaString name = p.getlocalname(a + 1, pc);
			throw new LuaError("variable '" + (name != null ? name.tojstring() : "?") + "' got a non-closable value");
		}
		if (list == null)
			list = new ToBeClosed();
		if (list.n == list.values.length) {
			list.registers = java.util.Arrays.copyOf(list.registers, 2 * list.n);
			list.values = java.util.Arrays.copyOf(list.values, 2 * list.n);
		}
		list.registers[list.n] = a;
		list.values[list.n++] = v;
		return list;
	}

	/** Closes the variables in registers from level on, newest first, with no error (the block or call ended). */
	void close(int level) {
		while (n > 0 && registers[n - 1] >= level)
			closeNewest(LuaValue.NIL);
	}

	boolean pending() {
		return n > 0;
	}

	/** Calls the newest variable's __close(value, error), after taking it off the list. */
	void closeNewest(LuaValue error) {
		LuaValue v = values[--n];
		values[n] = null;
		LuaValue m = closeMethod(v); // looked up now: Lua 5.4 calls what __close holds when closing
		if (!m.isfunction() && m.metatag(LuaValue.CALL).isnil())
			throw new LuaError("attempt to call a " + m.typename() + " value (metamethod 'close')");
		m.call(v, error);
	}

	/** Return values that no longer share the call's registers, which a __close may still change. */
	static Varargs detach(Varargs r) {
		int count = r.narg();
		if (count <= 1)
			return count == 0 ? LuaValue.NONE : r.arg1();
		LuaValue[] copy = new LuaValue[count];
		for (int j = 0; j < count; j++)
			copy[j] = r.arg(j + 1);
		return LuaValue.varargsOf(copy);
	}

	private static LuaValue closeMethod(LuaValue v) {
		LuaValue mt = v.getmetatable();
		return mt != null ? mt.rawget(CLOSE) : LuaValue.NIL;
	}
}
