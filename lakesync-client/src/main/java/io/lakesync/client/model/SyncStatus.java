package io.lakesync.client.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * {@code data_synchronization_status} of a synced table, following Databricks' model.
 *
 * @param detailedState PROVISIONING, PROVISIONING_INITIAL_SNAPSHOT, ONLINE, ONLINE_CONTINUOUS_UPDATE,
 *     ONLINE_TRIGGERED_UPDATE, ONLINE_NO_PENDING_UPDATE, ONLINE_PIPELINE_FAILED or OFFLINE_FAILED. A
 *     string rather than an enum so that a client keeps working when a newer server adds a state.
 * @param progress present only while a run loads rows
 * @param rowCount rows in the target after the last sync
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SyncStatus(
        String detailedState,
        String message,
        LastSync lastSync,
        Progress progress,
        Lag lag,
        Long rowCount,
        Freshness freshness,
        ScheduleStatus scheduleStatus,
        LastError lastError) {
}
