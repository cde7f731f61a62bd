package io.lakesync.core.engine;

import io.lakesync.core.spi.ApplyResult;
import io.lakesync.core.spi.SnapshotResult;
import java.util.Optional;

/**
 * What one triggered sync did: a snapshot (first run, or a fallback when the history was gone),
 * incremental applies from one version to another, or nothing because the target was current.
 */
public record SyncReport(Kind kind, long fromVersion, long toVersion, Optional<SnapshotResult> snapshot,
        long rowsInserted, long rowsUpdated, long rowsDeleted, long rowsSkipped, int transactions) {

    public enum Kind {
        SNAPSHOT, HISTORY_FALLBACK_SNAPSHOT, INCREMENTAL, UP_TO_DATE
    }

    static SyncReport snapshot(Kind kind, SnapshotResult result) {
        long v = result.version().version();
        return new SyncReport(kind, v, v, Optional.of(result), 0, 0, 0, result.rowsSkipped(), 1);
    }

    static SyncReport upToDate(long version) {
        return new SyncReport(Kind.UP_TO_DATE, version, version, Optional.empty(), 0, 0, 0, 0, 0);
    }

    SyncReport plus(ApplyResult applied) {
        return new SyncReport(Kind.INCREMENTAL, fromVersion, applied.version().version(), Optional.empty(),
                rowsInserted + applied.rowsInserted(), rowsUpdated + applied.rowsUpdated(),
                rowsDeleted + applied.rowsDeleted(), rowsSkipped + applied.rowsSkipped(), transactions + 1);
    }
}
