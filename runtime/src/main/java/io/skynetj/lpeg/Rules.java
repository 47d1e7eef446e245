package io.skynetj.lpeg;

import org.luaj.vm2.LuaValue;

/** The rules of a closed grammar; filled once while the grammar is built. */
final class Rules {
    final LuaValue[] names;
    final Pattern[] patterns;

    Rules(LuaValue[] names) {
        this.names = names;
        this.patterns = new Pattern[names.length];
    }
}
