package org.luaj.vm2;

// skynetj's own class (not LuaJ's), compiled into LuaJ's package with the patched sources: see runtime/luaj/README.md.
/**
 * A Java function whose state Lua 5.4 keeps in a C closure's upvalues (string.gmatch's iterator holds
 * the subject, the pattern and the match state): debug.getupvalue gives them with an empty name and
 * debug.upvalueid an identity for each (patch 0044), as Lua 5.4 does for C closures.
 */
public interface JavaUpvalues {
    /** How many upvalues the function has. */
    int upvalueCount();

    /** Upvalue {@code i}, 1 to {@link #upvalueCount}. */
    LuaValue upvalue(int i);

    /** The identity of upvalue {@code index} of {@code function}, for debug.upvalueid: equal for the same pair. */
    record Id(LuaValue function, int index) {
        @Override
        public boolean equals(Object o) {
            return o instanceof Id id && id.function == function && id.index == index;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(function) * 31 + index;
        }
    }
}
