package io.lakesync.client.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/**
 * A synced table: its name (the PostgreSQL target, "schema.table"), what and how to sync
 * ({@code spec}), whether it is paused, and, in answers from the server, when it was created and
 * updated and its {@code data_synchronization_status}. To create one, only {@code name} and
 * {@code spec} are needed: {@link #of(String, TableSpec)}.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SyncedTable(
        String name,
        TableSpec spec,
        Boolean paused,
        Instant createdAt,
        Instant updatedAt,
        SyncStatus dataSynchronizationStatus) {

    /** A table to create: name and spec, not paused. */
    public static SyncedTable of(String name, TableSpec spec) {
        return new SyncedTable(name, spec, null, null, null, null);
    }

    /** The same table, paused or not. */
    public SyncedTable withPaused(boolean newPaused) {
        return new SyncedTable(name, spec, newPaused, createdAt, updatedAt, dataSynchronizationStatus);
    }

    /** Whether the table is paused (absent counts as not paused). */
    public boolean pausedOrFalse() {
        return Boolean.TRUE.equals(paused);
    }
}
