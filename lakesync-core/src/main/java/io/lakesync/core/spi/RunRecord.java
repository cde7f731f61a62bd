package io.lakesync.core.spi;

import io.lakesync.core.model.SyncMode;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/** One run of a synced table as the run history keeps it ({@code lakesync.runs}). */
public record RunRecord(
        long runId,
        String tableName,
        SyncMode mode,
        Instant startedAt,
        Optional<Instant> endedAt,
        String outcome,
        OptionalLong fromVersion,
        OptionalLong toVersion,
        long rowsWritten,
        long rowsSkipped,
        long rowsInserted,
        long rowsUpdated,
        long rowsDeleted,
        int snapshotFallbacks,
        Optional<String> errorCode,
        Optional<String> errorMessage) {
}
