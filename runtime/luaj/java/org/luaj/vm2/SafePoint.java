package org.luaj.vm2;

// skynetj's own class (not LuaJ's), compiled into LuaJ's package with the patched sources: see runtime/luaj/README.md.
/**
 * Runs at the interpreter's safe points (patch 0012): a Lua function starting, a loop going round.
 * The interpreter calls it once {@link Globals#safepointBudget} safe points have passed; it sets a new
 * budget and may yield the thread or throw to stop the running code.
 */
public interface SafePoint {
    void reached(Globals globals);
}
