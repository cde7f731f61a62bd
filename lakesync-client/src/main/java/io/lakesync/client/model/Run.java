package io.lakesync.client.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/**
 * One run of a synced table, from the run history.
 *
 * @param mode the scheduling policy the run ran under: SNAPSHOT, TRIGGERED or CONTINUOUS
 * @param outcome RUNNING, SUCCEEDED, FAILED or CRASHED
 * @param rowsWritten rows a snapshot loaded, or inserted + updated + deleted for an incremental run
 * @param snapshotFallbacks full snapshots taken because the source history after the watermark was gone
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Run(
        long runId,
        String mode,
        Instant startedAt,
        Instant endedAt,
        String outcome,
        Long fromVersion,
        Long toVersion,
        long rowsWritten,
        long rowsSkipped,
        long rowsInserted,
        long rowsUpdated,
        long rowsDeleted,
        int snapshotFallbacks,
        String errorCode,
        String errorMessage) {
}
