/*******************************************************************************
* Copyright (c) 2009-2011 Luaj.org. All rights reserved.
*
* Permission is hereby granted, free of charge, to any person obtaining a copy
* of this software and associated documentation files (the "Software"), to deal
* in the Software without restriction, including without limitation the rights
* to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
* copies of the Software, and to permit persons to whom the Software is
* furnished to do so, subject to the following conditions:
*
* The above copyright notice and this permission notice shall be included in
* all copies or substantial portions of the Software.
* 
* THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
* IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
* FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
* AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
* LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
* OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN
* THE SOFTWARE.
******************************************************************************/
package org.luaj.vm2;


/**
 * RuntimeException that is thrown and caught in response to a lua error. 
 * <p>
 * {@link LuaError} is used wherever a lua call to {@code error()} 
 * would be used within a script.
 * <p>
 * Since it is an unchecked exception inheriting from {@link RuntimeException},
 * Java method signatures do notdeclare this exception, althoug it can 
 * be thrown on almost any luaj Java operation.
 * This is analagous to the fact that any lua script can throw a lua error at any time.
 * <p> 
 * The LuaError may be constructed with a message object, in which case the message
 * is the string representation of that object.  getMessageObject will get the object
 * supplied at construct time, or a LuaString containing the message of an object 
 * was not supplied.
 */
public class LuaError extends RuntimeException {
	private static final long serialVersionUID = 1L;
	
	// skynetj: Lua 5.2 error semantics.
	//  - level: as error(msg, level); LuaClosure counts it down frame by frame and the frame where
	//    it reaches 1 adds "chunk:line: " (level 0: no position).
	//  - fileline: that "chunk:line" prefix (Lua 5.2 chunkid), joined to the message with ": ".
	//  - traceback: the Lua stack traceback at the raise point, for Java-side diagnostics only;
	//    it is never part of the message Lua code sees (pcall gets the plain message).
	//  - handled: the position and the error handler (xpcall) have been dealt with.
	//  - kind: io.skynetj.lua.LuaErrors kind of a runtime error, so that LuaClosure can name the
	//    variable involved ("attempt to index global 'x' (a nil value)").
	protected int level;
	
	protected String fileline;
	
	protected String traceback;
	
	protected Throwable cause;

	private LuaValue object;

	private String message; // skynetj: the message without position (mutable so it can be refined)

	boolean handled; // skynetj

	int kind; // skynetj

	boolean handlerCalled; // skynetj: object holds the xpcall handler's result
	
	/** Get the string message if it was supplied, or a string 
	 * representation of the message object if that was supplied.
	 * skynetj: with the "chunk:line: " position as Lua 5.2 adds it, without traceback.
	 */
	public String getMessage() {
		String m = message;
		if (m == null)
			return null;
		if (fileline != null)
			return fileline + ": " + m;
		return m;
	}

	/** Get the LuaValue that was provided in the constructor, or 
	 * a LuaString containing the message if it was a string error argument.
	 * skynetj: this is the error value Lua code sees (pcall, xpcall, coroutine.resume).
	 * @return LuaValue which was used in the constructor, or a LuaString
	 * containing the message.
	 */
	public LuaValue getMessageObject() {
		if (object != null) return object;
		String m = getMessage();
		return m != null ? LuaValue.valueOf(m): null;
	}

	/** skynetj: the Lua stack traceback taken where the error was raised, or null
	 * (only when the debug library is loaded and no xpcall handler took the error). */
	public String getLuaTraceback() {
		return traceback;
	}

	/** skynetj: the message followed by the Lua traceback when there is one. */
	public String getMessageWithTraceback() {
		String m = getMessage();
		return traceback != null ? m + "\n" + traceback : m;
	}

	/** skynetj: the level of error(msg, level) still to be counted down. */
	public int getLevel() {
		return level;
	}

	/** skynetj: runtime error of a known kind (io.skynetj.lua.LuaErrors), raised by a value operation. */
	public static LuaError runtime(int kind, String message) {
		LuaError e = new LuaError(message);
		e.kind = kind;
		return e;
	}
	
	/** Construct LuaError when a program exception occurs. 
	 * <p> 
	 * All errors generated from lua code should throw LuaError(String) instead.
	 * @param cause the Throwable that caused the error, if known.  
	 */
	public LuaError(Throwable cause) {
		super( "vm error: "+cause );
		this.message = "vm error: "+cause;
		this.cause = cause;
		this.level = 1;
	}

	/**
	 * Construct a LuaError with a specific message.  
	 *  
	 * @param message message to supply
	 */
	public LuaError(String message) {
		super( message );
		this.message = message;
		this.level = 1;
	}		

	/**
	 * Construct a LuaError with a message, and level to draw line number information from.
	 * @param message message to supply
	 * @param level where to supply line info from in call stack
	 */
	public LuaError(String message, int level) {
		super( message );
		this.message = message;
		this.level = level;
	}	

	/**
	 * Construct a LuaError with a LuaValue as the message object,
	 * and level to draw line number information from.
	 * skynetj: the value is raised as it is, without position (as error(v, 0), or any non-string).
	 * @param message_object message string or object to supply
	 */
	public LuaError(LuaValue message_object) {
		super( message_object.tojstring() );
		this.message = message_object.tojstring();
		this.object = message_object;
		this.level = 1;
	}	


	/** 
	 * Get the cause, if any.
	 */
	public Throwable getCause() {
		return cause;
	}

	// skynetj: helpers for LuaClosure and BaseLib

	/** Whether Lua 5.2 would prefix this error with a position (a string message, level >= 1). */
	boolean positionable() {
		return object == null && message != null && level >= 1;
	}

	void setMessageText(String m) {
		this.message = m;
	}

	/** skynetj: run the xpcall handler of the running thread, if any, on this error (once); BaseLib.xpcall uses it for errors that no Lua frame handled. */
	public void callHandler(Globals globals) {
		if (handlerCalled || globals == null) return;
		final LuaThread r = globals.running;
		if (r == null || r.errorfunc == null) return;
		final LuaValue e = r.errorfunc;
		final LuaValue m = getMessageObject();
		r.errorfunc = null;
		try {
			object = e.call(m != null ? m : LuaValue.NIL);
		} catch (Throwable t) {
			object = LuaValue.valueOf("error in error handling");
		} finally {
			r.errorfunc = e;
		}
		handlerCalled = true;
	}
}
