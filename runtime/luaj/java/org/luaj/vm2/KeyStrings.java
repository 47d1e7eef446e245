package org.luaj.vm2;

import java.util.concurrent.ConcurrentHashMap;

// skynetj's own class (not LuaJ's), compiled into LuaJ's package with the patched sources: see runtime/luaj/README.md.
/**
 * One shared {@link LuaString} per table key that Java code names with a Java string (library function
 * names, skynet.core's functions, package fields): LuaJ would encode and allocate a new LuaString for
 * each of the ~300 keys every service's environment gets. LuaStrings are immutable values, so sharing
 * them between services is invisible to Lua. Bounded: past {@link #LIMIT} keys, new ones are not kept.
 */
public final class KeyStrings {
    static final int LIMIT = 8192;
    private static final ConcurrentHashMap<String, LuaString> KEYS = new ConcurrentHashMap<>();

    private KeyStrings() {}

    public static LuaString of(String key) {
        LuaString s = KEYS.get(key);
        if (s != null) return s;
        s = LuaString.valueOf(key);
        if (KEYS.size() < LIMIT) {
            LuaString prev = KEYS.putIfAbsent(key, s);
            if (prev != null) return prev;
        }
        return s;
    }

    static int size() {
        return KEYS.size();
    }
}
