package io.skynetj.upgrade;

import java.time.Duration;
import java.util.List;

/**
 * How an upgrade runs: which files to reload (empty: every file the running instance loaded; each
 * must name a file, or a directory holding files, the running instance loaded), how long to wait for
 * the old instance to finish the requests it took, and whether to go on anyway (force) or roll back
 * when that wait runs out; for a rollback, which earlier version to bring back.
 */
public record UpgradeOptions(List<String> files, Duration drainTimeout, boolean force, Duration stepTimeout, String version) {
    public static final Duration DEFAULT_DRAIN = Duration.ofSeconds(5);
    public static final Duration DEFAULT_STEP = Duration.ofSeconds(10);

    public static UpgradeOptions defaults() {
        return new UpgradeOptions(List.of(), DEFAULT_DRAIN, false, DEFAULT_STEP, null);
    }

    public UpgradeOptions withFiles(List<String> f) {
        return new UpgradeOptions(List.copyOf(f), drainTimeout, force, stepTimeout, version);
    }

    public UpgradeOptions withDrainTimeout(Duration d) {
        return new UpgradeOptions(files, d, force, stepTimeout, version);
    }

    public UpgradeOptions withForce(boolean f) {
        return new UpgradeOptions(files, drainTimeout, f, stepTimeout, version);
    }

    /** For a rollback: the earlier version to bring back (null: the newest earlier one). */
    public UpgradeOptions withVersion(String v) {
        return new UpgradeOptions(files, drainTimeout, force, stepTimeout, v);
    }
}
