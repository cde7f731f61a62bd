package io.lakesync.core.spi;

import java.util.OptionalLong;

/**
 * Counters of one run as stored in the run history. {@code rowsWritten} is the rows a snapshot
 * loaded, or inserted + updated + deleted for an incremental apply; {@code snapshotFallbacks}
 * counts full snapshots taken because the source history after the watermark was gone.
 */
public record RunOutcome(OptionalLong fromVersion, OptionalLong toVersion, long rowsWritten, long rowsSkipped,
        long rowsInserted, long rowsUpdated, long rowsDeleted, int snapshotFallbacks) {

    /** The outcome of a snapshot load. */
    public RunOutcome(OptionalLong fromVersion, OptionalLong toVersion, long rowsWritten, long rowsSkipped) {
        this(fromVersion, toVersion, rowsWritten, rowsSkipped, 0, 0, 0, 0);
    }

    public static RunOutcome nothing() {
        return new RunOutcome(OptionalLong.empty(), OptionalLong.empty(), 0, 0);
    }
}
