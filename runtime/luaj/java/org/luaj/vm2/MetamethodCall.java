package org.luaj.vm2;

// skynetj's own class (not LuaJ's), compiled into LuaJ's package with the patched sources: see runtime/luaj/README.md.
/**
 * Calls a metamethod the VM's operators found (patch 0047): while a Lua metamethod runs for an
 * instruction of the running Lua frame, that frame notes the event ({@link CallFrames.Call#metamethod}),
 * so that debug.getinfo names the metamethod as Lua 5.4 does (namewhat "metamethod", name "add",
 * "index"...) and tracebacks say "in metamethod 'add'". The same operators run for Java functions (a
 * table library function indexing a proxy): then the frame is inside a call instruction, and as in Lua
 * a metamethod a Java function calls has no name.
 */
public final class MetamethodCall {
    private MetamethodCall() {}

    /** {@code handler(a, b)} for {@code event} ("__add"...). */
    public static LuaValue call(LuaValue handler, LuaValue event, LuaValue a, LuaValue b) {
        CallFrames.Call frame = caller(handler);
        if (frame == null) return handler.call(a, b);
        LuaValue outer = frame.metamethod;
        frame.metamethod = event;
        try {
            return handler.call(a, b);
        } finally {
            frame.metamethod = outer;
        }
    }

    /** {@code handler(a, b, c)} for {@code event} (__newindex). */
    public static void call(LuaValue handler, LuaValue event, LuaValue a, LuaValue b, LuaValue c) {
        CallFrames.Call frame = caller(handler);
        if (frame == null) {
            handler.call(a, b, c);
            return;
        }
        LuaValue outer = frame.metamethod;
        frame.metamethod = event;
        try {
            handler.call(a, b, c);
        } finally {
            frame.metamethod = outer;
        }
    }

    /** The Lua frame whose instruction calls the Lua function {@code handler}, or null (a Java function calls it, or it is no Lua function). */
    private static CallFrames.Call caller(LuaValue handler) {
        if (!(handler instanceof LuaClosure c) || c.globals == null || c.globals.running == null) return null;
        CallFrames f = c.globals.running.callFrames;
        CallFrames.Call top = f == null ? null : f.top();
        if (top == null || top.closure == null) return null;
        if (top.pc < 0) return top; // its last call has returned
        return CallFrames.callInstruction(top.closure.p, top.pc) ? null : top;
    }
}
