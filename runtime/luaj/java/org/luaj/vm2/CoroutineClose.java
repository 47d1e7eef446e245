package org.luaj.vm2;

/**
 * skynetj: {@code coroutine.close} of a suspended coroutine unwinds its thread with this (an Error, so that no
 * pcall inside the coroutine stops it). Each Lua call it passes closes its to-be-closed variables newest first
 * with {@link #error} (nil at first); an error raised by a {@code __close} becomes {@link #error} for the rest,
 * and {@code coroutine.close} then returns false and it, as Lua 5.4 does.
 */
public class CoroutineClose extends Error {
	private static final long serialVersionUID = 1L;

	/** The error value a {@code __close} raised while closing, else null. */
	public LuaValue error;

	public CoroutineClose() {
		super("coroutine closed", null, false, false);
	}
}
