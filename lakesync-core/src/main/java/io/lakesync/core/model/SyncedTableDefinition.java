package io.lakesync.core.model;

import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A synced table as the service manages it: what to sync, when to run it by itself, how stale it
 * may get before an alert, and whether it is paused. Stored in {@code lakesync.synced_tables}.
 *
 * @param freshnessSlaSeconds the most seconds the target may be behind its source before the
 *     table counts as stale; empty when no SLA is set
 */
public record SyncedTableDefinition(
        SyncedTableSpec spec,
        Optional<Schedule> schedule,
        OptionalLong freshnessSlaSeconds,
        boolean paused,
        Optional<Instant> createdAt,
        Optional<Instant> updatedAt) {

    public SyncedTableDefinition {
        schedule = schedule == null ? Optional.empty() : schedule;
        freshnessSlaSeconds = freshnessSlaSeconds == null ? OptionalLong.empty() : freshnessSlaSeconds;
        createdAt = createdAt == null ? Optional.empty() : createdAt;
        updatedAt = updatedAt == null ? Optional.empty() : updatedAt;
    }

    public TableName name() {
        return spec.target();
    }
}
