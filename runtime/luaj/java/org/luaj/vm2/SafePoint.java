package org.luaj.vm2;

// skynetj's own class (not LuaJ's), compiled into LuaJ's package with the patched sources: see runtime/luaj/README.md.
/**
 * Runs at the interpreter's safe points (patch 0012): a Lua function starting, a loop going round,
 * every {@link #EVERY} of them on a thread. It may yield the thread or throw to stop the running code.
 */
public interface SafePoint {
    /** Safe points between two runs: a tight loop passes one every few nanoseconds. */
    int EVERY = 1024;

    void reached(Globals globals);
}
