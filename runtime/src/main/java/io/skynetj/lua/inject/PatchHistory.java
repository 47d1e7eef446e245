package io.skynetj.lua.inject;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The patches applied to one service and still in effect, newest last. Only the newest can be rolled
 * back, so each rollback restores exactly the state the patch it undoes found.
 */
public final class PatchHistory {
    private final Deque<Patch> applied = new ArrayDeque<>();
    private int lastNumber;

    Patch record(String file, String version, List<Patch.Change> changes) {
        Patch p = new Patch(++lastNumber, file, version, Instant.now(), List.copyOf(changes));
        applied.addLast(p);
        return p;
    }

    /** One line per applied patch, oldest first; empty when there are none. */
    public List<String> describe() {
        return applied.stream().map(Patch::describe).toList();
    }

    /**
     * Undoes the newest patch: every value it changed gets its old value back, unless something has
     * changed it since (that value is kept and reported). Returns the report, or null when no patch is applied.
     */
    public List<String> rollback() {
        Patch p = applied.pollLast();
        if (p == null) return null;
        List<String> report = new ArrayList<>();
        report.add("rolled back patch " + p.title());
        List<Patch.Change> changes = p.changes();
        for (int i = changes.size() - 1; i >= 0; i--) {
            Patch.Change c = changes.get(i);
            if (c.table().rawget(c.key()).raweq(c.after())) {
                c.table().rawset(c.key(), c.before());
                report.add("restored " + c.path());
            } else {
                report.add("kept " + c.path() + ": changed since the patch");
            }
        }
        return report;
    }
}
