package io.skynetj.upgrade;

import java.util.ArrayList;
import java.util.List;

/** What an upgrade did, step by step with timings, and whether it took effect. */
public final class UpgradeReport {
    private final String name;
    private final long start = System.nanoTime();
    private long last = start;
    private final List<String> lines = new ArrayList<>();
    private boolean ok = true;

    UpgradeReport(String name) {
        this.name = name;
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
        sb.append(String.format("%s %s in %.2f ms", name, ok ? "upgraded" : "NOT upgraded (rolled back)", millis()));
        return sb.toString();
    }
}
