package io.skynetj.lua.inject;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/**
 * The patches applied to one service and still in effect, newest last. Only the newest can be rolled
 * back, so each rollback restores exactly the state the patch it undoes found.
 *
 * <p>Undo data (every replaced value, which keeps the old functions and their upvalues alive) is
 * kept for the newest {@link #UNDO_DEPTH} patches only: an older patch is settled, listed by its
 * line and no longer rolled back, and at most {@link #LISTED} such lines are kept. So a service
 * patched again and again keeps a bounded history instead of ~0.7 KB per patch for ever.
 */
public final class PatchHistory {
    /** How many of the newest patches can be rolled back. */
    static final int UNDO_DEPTH = 16;
    /** How many lines of settled (older) patches {@code patches} still lists. */
    static final int LISTED = 100;

    // every service has one, few are ever patched: room for one at first (ArrayDeque's default is 16)
    private final Deque<Patch> applied = new ArrayDeque<>(1);
    private final Deque<String> settled = new ArrayDeque<>(1);
    private int unlisted;
    private int lastNumber;

    Patch record(String file, String version, List<Patch.Change> changes) {
        Patch p = new Patch(++lastNumber, file, version, Instant.now(), List.copyOf(changes));
        applied.addLast(p);
        if (applied.size() > UNDO_DEPTH) {
            settled.addLast(applied.pollFirst().describe());
            if (settled.size() > LISTED) {
                settled.pollFirst();
                unlisted++;
            }
        }
        return p;
    }

    /** One line per patch in effect, oldest first; empty when there are none. */
    public List<String> describe() {
        List<String> lines = new ArrayList<>();
        if (unlisted > 0) lines.add("(" + unlisted + " older patches not listed)");
        lines.addAll(settled);
        for (Patch p : applied) lines.add(p.describe());
        return lines;
    }

    /**
     * Undoes the newest patch: every value it changed gets its old value back, unless something has
     * changed it since (that value is kept and reported). Returns the report, or null when no patch
     * can be rolled back (none applied, or only settled ones: see {@link #settledCount}).
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

    public int undoDepth() {
        return UNDO_DEPTH;
    }

    /** Patches still in effect that are too old to roll back. */
    public int settledCount() {
        return settled.size() + unlisted;
    }
}
