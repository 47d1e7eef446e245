package io.skynetj.lua.inject;

import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import org.luaj.vm2.LuaError;
import org.luaj.vm2.LuaTable;
import org.luaj.vm2.LuaValue;

/**
 * The writes one patch makes to the service's tables, held back until the patch has finished. Every
 * service table the patch reaches is seen through one {@link JournalTable} per table; {@link #commit}
 * copies the journaled values into the real tables in one step (no other handler of the service can
 * run in between: the patch holds the service's baton), {@link #abort} drops them.
 */
final class Transaction {
    enum State { OPEN, COMMITTED, ABORTED }

    private final Map<LuaTable, JournalTable> views = new IdentityHashMap<>();
    private final List<Pending> writes = new ArrayList<>();
    private State state = State.OPEN;

    private record Pending(JournalTable view, LuaValue key) {
        String path() {
            return Paths.child(view.path, key);
        }
    }

    State state() {
        return state;
    }

    boolean isOpen() {
        return state == State.OPEN;
    }

    /** The value as the patch sees it: tables become journaled views (one per table), others are unchanged. */
    LuaValue view(LuaValue value, String path) {
        if (!(JournalTable.unwrap(value) instanceof LuaTable table)) return value;
        return views.computeIfAbsent(table, t -> new JournalTable(this, t, path));
    }

    void recordWrite(JournalTable view, LuaValue key) {
        writes.add(new Pending(view, key));
    }

    /** What commit would change, one line per value: {@code _P.lua.CMD.get: function -> function}. */
    List<String> describe() {
        List<String> lines = new ArrayList<>();
        for (Pending w : writes) {
            LuaValue old = w.view.target.rawget(w.key);
            LuaValue now = JournalTable.unwrap(w.view.written(w.key));
            if (!old.raweq(now)) lines.add(w.path() + ": " + Paths.show(old) + " -> " + Paths.show(now));
        }
        return lines;
    }

    /**
     * Applies the journal to the real tables; returns what changed (writes of an unchanged value are
     * left out). All or nothing: if a table refuses a write (a read-only table), the writes already
     * made are undone and the error is raised.
     */
    List<Patch.Change> commit() {
        state = State.COMMITTED;
        List<Patch.Change> changes = new ArrayList<>();
        try {
            for (Pending w : writes) {
                LuaTable table = w.view.target;
                LuaValue old = table.rawget(w.key);
                LuaValue now = JournalTable.unwrap(w.view.written(w.key));
                if (old.raweq(now)) continue;
                table.rawset(w.key, now);
                changes.add(new Patch.Change(w.path(), table, w.key, old, now));
            }
        } catch (LuaError e) {
            for (Patch.Change c : changes.reversed()) c.table().rawset(c.key(), c.before());
            state = State.ABORTED;
            throw e;
        }
        return changes;
    }

    void abort() {
        state = State.ABORTED;
    }
}
