package org.luaj.vm2;

import java.lang.ref.WeakReference;
import java.util.ArrayList;
import java.util.List;

// skynetj's own class (not LuaJ's), compiled into LuaJ's package with the patched sources: see runtime/luaj/README.md.
/**
 * The metatables of the basic types nil, boolean, number, function and thread, one set per Lua state,
 * as {@code debug.setmetatable(10, mt)} gives them. LuaJ keeps one per type for the whole JVM
 * (LuaNumber.s_metatable...), where each service would see the others'. Patch 0031 has those types'
 * {@code getmetatable()}, which every metatable lookup of such a value ends in (arithmetic, index,
 * call, concat, length, comparisons, close, tostring...), ask {@link #running}.
 *
 * <p>A value does not know its state, so the lookup finds the state running on the calling Java thread:
 * among the states that have set such a metatable (usually none: then the answer is null at once), the
 * one whose running Lua thread has frames in use on this Java thread ({@link CallFrames} notes the Java
 * thread when its outermost frame is pushed: once per request or coroutine, not per call). Each state
 * runs one Lua thread at a time and a Java thread runs one Lua thread at a time, so at most one matches.
 * A state's metatables live in its {@link Globals}; this class holds the states weakly.
 */
public final class TypeMetatables {
    /** The states that have set a basic type's metatable; copied on write, read without a lock. */
    private static volatile List<WeakReference<Globals>> states = List.of();

    private TypeMetatables() {}

    /** Metatable of basic type {@code type} (a LuaValue.T* constant) in the state running on this thread, or null. */
    public static LuaValue running(int type) {
        List<WeakReference<Globals>> s = states;
        if (s.isEmpty()) return null;
        Thread me = Thread.currentThread();
        for (int i = 0, n = s.size(); i < n; i++) {
            Globals g = s.get(i).get();
            if (g != null && runsOn(g, me)) return g.typemetatables[type];
        }
        return null;
    }

    private static boolean runsOn(Globals g, Thread me) {
        LuaThread t = g.running;
        CallFrames f = t != null ? t.callFrames : null;
        return f != null && f.runsOn(me);
    }

    /** Metatable of basic type {@code type} in state {@code g}, or null. */
    public static LuaValue of(Globals g, int type) {
        LuaValue[] mts = g.typemetatables;
        return mts != null ? mts[type] : null;
    }

    /** Whether {@code type} is one of the basic types whose metatable is per state here. */
    public static boolean isBasic(int type) {
        return type == LuaValue.TNIL || type == LuaValue.TBOOLEAN || type == LuaValue.TNUMBER
            || type == LuaValue.TFUNCTION || type == LuaValue.TTHREAD;
    }

    /** Sets state {@code g}'s metatable of basic type {@code type} ({@code mt} null for none). */
    public static synchronized void set(Globals g, int type, LuaValue mt) {
        if (!isBasic(type)) throw new IllegalArgumentException("not a basic type: " + type);
        if (g.typemetatables == null) {
            if (mt == null) return;
            g.typemetatables = new LuaValue[LuaValue.TTHREAD + 1];
            List<WeakReference<Globals>> next = new ArrayList<>(states.size() + 1);
            for (WeakReference<Globals> r : states) if (r.get() != null) next.add(r); // states gone since
            next.add(new WeakReference<>(g));
            states = List.copyOf(next);
        }
        g.typemetatables[type] = mt;
    }
}
