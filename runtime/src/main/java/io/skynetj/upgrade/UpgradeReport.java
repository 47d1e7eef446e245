package io.skynetj.upgrade;

import java.util.ArrayList;
import java.util.List;

/** What an upgrade or rollback did, step by step with timings, and whether it took effect. */
public final class UpgradeReport {
    private final String name;
    private final boolean rollback;
    private String from;
    private String to;
    private final long start = System.nanoTime();
    private long last = start;
    private final List<String> lines = new ArrayList<>();
    private boolean ok = true;

    UpgradeReport(String name, boolean rollback) {
        this.name = name;
        this.rollback = rollback;
    }

    /** The versions before and after (the same when it failed), for the summary line. */
    void versions(String before, String after) {
        from = before;
        to = after;
    }

    void step(String what) {
        long now = System.nanoTime();
        lines.add(String.format("%-10s %8.2f ms  %s", label(), (now - last) / 1e6, what));
        last = now;
    }

    private String label() {
        return "[" + (lines.size() + 1) + "]";
    }

    /** Records the failure; everything the upgrade changed has been undone by then. */
    void fail(String step, String why) {
        ok = false;
        step(step + " FAILED: " + why);
    }

    public boolean ok() {
        return ok;
    }

    /** Milliseconds from the start to now (to the end, once it has ended). */
    public double millis() {
        return (System.nanoTime() - start) / 1e6;
    }

    public List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        for (String l : lines) sb.append(l).append('\n');
        String done = rollback ? "rolled back" : "upgraded";
        sb.append(ok ? String.format("%s %s from version %s to %s in %.2f ms", name, done, from, to, millis())
            : String.format("%s NOT %s: nothing changed, version %s goes on (%.2f ms)", name, done, from, millis()));
        return sb.toString();
    }
}
