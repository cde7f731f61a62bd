package io.lakesync.server.service;

import io.lakesync.core.error.ErrorCode;
import io.lakesync.core.model.SyncedTableDefinition;
import io.lakesync.core.spi.Watermark;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalLong;

/** A consistent picture of one synced table at one moment: its definition and how it is doing. */
public record TableStatus(
        SyncedTableDefinition definition,
        DetailedState state,
        String message,
        Optional<Watermark> watermark,
        Optional<Instant> lastSyncStart,
        Optional<Instant> lastSyncEnd,
        Optional<Progress> progress,
        long versionsBehind,
        double secondsBehind,
        Optional<Instant> slaBreachedSince,
        Optional<Instant> nextRunAt,
        long missedSlots,
        Optional<Failure> lastFailure) {

    /** A load in flight: rows so far, the expected total when the source statistics tell. */
    public record Progress(long syncedRows, OptionalLong totalRows, OptionalDouble completion,
            OptionalLong estimatedSecondsLeft) {
    }

    /** The last failed run, and when the service tries again by itself (empty: it waits for a change). */
    public record Failure(ErrorCode code, String message, Instant at, Optional<Instant> nextRetryAt) {
    }

    public boolean slaBreached() {
        return slaBreachedSince.isPresent();
    }
}
