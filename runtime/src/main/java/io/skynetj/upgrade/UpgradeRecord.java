package io.skynetj.upgrade;

import java.time.Instant;
import java.util.List;

/**
 * One upgrade or rollback of a managed name, for the observer's history.
 *
 * @param fromVersion main-file version before; {@code toVersion} after (the same when it failed)
 * @param steps the report's lines, each with its time
 */
public record UpgradeRecord(String name, Instant at, boolean rollback, boolean ok, String fromVersion, String toVersion,
                            double millis, List<String> steps) {}
