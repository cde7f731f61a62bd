package io.lakesync.server.api;

import io.lakesync.client.model.Freshness;
import io.lakesync.client.model.Lag;
import io.lakesync.client.model.LastError;
import io.lakesync.client.model.LastSync;
import io.lakesync.client.model.Progress;
import io.lakesync.client.model.Schedule;
import io.lakesync.client.model.ScheduleStatus;
import io.lakesync.client.model.SchedulingPolicy;
import io.lakesync.client.model.SyncStatus;
import io.lakesync.client.model.SyncedTable;
import io.lakesync.client.model.TableSpec;
import io.lakesync.core.model.SyncedTableDefinition;
import io.lakesync.core.model.SyncedTableSpec;
import io.lakesync.server.service.TableStatus;
import java.util.List;

/** Writes the service's view of a table in the API's JSON shape (the SDK's model records). */
final class TableJson {

    private TableJson() {
    }

    static SyncedTable of(TableStatus status) {
        SyncedTableDefinition definition = status.definition();
        return new SyncedTable(definition.name().toString(), spec(definition), definition.paused(),
                definition.createdAt().orElse(null), definition.updatedAt().orElse(null), status(status));
    }

    static TableSpec spec(SyncedTableDefinition definition) {
        SyncedTableSpec spec = definition.spec();
        return new TableSpec(spec.source(), spec.primaryKey(), spec.timeseriesKey().orElse(null),
                SchedulingPolicy.valueOf(spec.mode().name()), definition.schedule().map(TableJson::schedule).orElse(null),
                spec.columns().isEmpty() ? null : spec.columns(),
                spec.extraIndexes().isEmpty() ? null : spec.extraIndexes(),
                definition.freshnessSlaSeconds().isPresent() ? definition.freshnessSlaSeconds().getAsLong() : null);
    }

    private static Schedule schedule(io.lakesync.core.model.Schedule schedule) {
        if (schedule instanceof io.lakesync.core.model.Schedule.Interval interval) {
            return Schedule.every(interval.every());
        }
        if (schedule instanceof io.lakesync.core.model.Schedule.Cron cron) {
            return Schedule.cron(cron.expression());
        }
        return Schedule.onSourceChange();
    }

    private static SyncStatus status(TableStatus status) {
        LastSync lastSync = status.watermark().map(w -> new LastSync(w.version().version(),
                w.version().commitTimestamp(), status.lastSyncStart().orElse(null),
                status.lastSyncEnd().orElse(w.syncedAt()))).orElse(null);
        Progress progress = status.progress().map(p -> new Progress(p.syncedRows(),
                p.totalRows().isPresent() ? p.totalRows().getAsLong() : null,
                p.completion().isPresent() ? p.completion().getAsDouble() : null,
                p.estimatedSecondsLeft().isPresent() ? p.estimatedSecondsLeft().getAsLong() : null)).orElse(null);
        Lag lag = status.watermark().isPresent() ? new Lag(status.versionsBehind(), status.secondsBehind()) : null;
        Freshness freshness = status.definition().freshnessSlaSeconds().isPresent()
                ? new Freshness(status.definition().freshnessSlaSeconds().getAsLong(), status.slaBreached(),
                        status.slaBreachedSince().orElse(null))
                : null;
        ScheduleStatus schedule = status.definition().schedule().isPresent()
                ? new ScheduleStatus(status.nextRunAt().orElse(null), status.missedSlots()) : null;
        LastError lastError = status.lastFailure().map(f -> new LastError(f.code().name(), f.message(), f.at(),
                f.nextRetryAt().orElse(null))).orElse(null);
        return new SyncStatus(status.state().name(), status.message(), lastSync, progress, lag,
                status.watermark().map(w -> w.rowCount()).orElse(null), freshness, schedule, lastError);
    }

    static List<SyncedTable> of(List<TableStatus> statuses) {
        return statuses.stream().map(TableJson::of).toList();
    }
}
