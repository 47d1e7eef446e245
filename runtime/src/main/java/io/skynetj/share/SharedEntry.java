package io.skynetj.share;

import org.luaj.vm2.LuaTable;

/** One version of a named shared table. {@code replacedBy} is set once, when an update supersedes it. */
final class SharedEntry {
    final String name;
    final LuaTable data;
    volatile SharedEntry replacedBy;

    SharedEntry(String name, LuaTable data) {
        this.name = name;
        this.data = data;
    }

    /** The newest version this one leads to (itself when not replaced). */
    SharedEntry latest() {
        SharedEntry e = this;
        for (SharedEntry n; (n = e.replacedBy) != null; ) e = n;
        return e;
    }
}
