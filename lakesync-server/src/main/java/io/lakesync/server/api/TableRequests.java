package io.lakesync.server.api;

import io.lakesync.client.model.Schedule;
import io.lakesync.client.model.SyncedTable;
import io.lakesync.client.model.TableSpec;
import io.lakesync.client.model.TableUpdate;
import io.lakesync.core.error.ErrorCode;
import io.lakesync.core.error.LakesyncException;
import io.lakesync.core.model.SyncMode;
import io.lakesync.core.model.SyncedTableDefinition;
import io.lakesync.core.model.SyncedTableSpec;
import io.lakesync.core.model.TableName;
import io.lakesync.server.SourceLocations;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/** Turns API request bodies into definitions, refusing what is missing or cannot change. */
final class TableRequests {

    private TableRequests() {
    }

    static SyncedTableDefinition create(SyncedTable body) {
        if (body == null || body.name() == null || body.name().isBlank()) {
            throw invalid("The synced table needs a name: the Postgres target as schema.table, e.g."
                    + " \"name\": \"gold.churn_predictions\".");
        }
        TableSpec spec = body.spec();
        if (spec == null) {
            throw invalid("The synced table " + body.name() + " needs a spec with at least source_table and"
                    + " primary_key_columns.");
        }
        if (spec.sourceTable() == null || spec.sourceTable().isBlank()) {
            throw invalid("spec.source_table is missing: give the Delta table's path or file: URI.");
        }
        if (spec.primaryKeyColumns() == null || spec.primaryKeyColumns().isEmpty()) {
            throw invalid("spec.primary_key_columns is missing: name the key column(s) of " + body.name() + ".");
        }
        SyncMode mode = spec.schedulingPolicy() == null ? SyncMode.TRIGGERED : SyncMode.valueOf(spec.schedulingPolicy().name());
        SyncedTableSpec syncSpec = new SyncedTableSpec(SourceLocations.absolute(spec.sourceTable()), TableName.parse(body.name()),
                spec.primaryKeyColumns(), Optional.ofNullable(spec.timeseriesKey()), mode,
                spec.columns() == null ? List.of() : spec.columns(),
                spec.extraIndexDefinitions() == null ? List.of() : spec.extraIndexDefinitions());
        return new SyncedTableDefinition(syncSpec, schedule(spec.schedule()), sla(spec.freshnessSlaSeconds()),
                Boolean.TRUE.equals(body.paused()), Optional.empty(), Optional.empty());
    }

    /** Applies a PATCH body; changes of fields that define the data are refused with the way out. */
    static SyncedTableDefinition update(SyncedTableDefinition current, TableUpdate body) {
        if (body == null) {
            throw invalid("The update body is empty. Send {\"spec\": {...}} and/or {\"paused\": true|false}.");
        }
        SyncedTableSpec spec = current.spec();
        Optional<io.lakesync.core.model.Schedule> schedule = current.schedule();
        OptionalLong sla = current.freshnessSlaSeconds();
        boolean paused = body.paused() == null ? current.paused() : body.paused();
        TableUpdate.SpecChanges changes = body.spec();
        if (changes != null) {
            refuseChange("source_table", changes.sourceTable() == null ? null : SourceLocations.absolute(changes.sourceTable()),
                    spec.source(), current.name());
            refuseChange("primary_key_columns", changes.primaryKeyColumns(), spec.primaryKey(), current.name());
            refuseChange("timeseries_key", changes.timeseriesKey(), spec.timeseriesKey().orElse(null), current.name());
            refuseChange("columns", changes.columns(), spec.columns(), current.name());
            SyncMode mode = changes.schedulingPolicy() == null ? spec.mode()
                    : SyncMode.valueOf(changes.schedulingPolicy().name());
            List<String> indexes = changes.extraIndexDefinitions() == null ? spec.extraIndexes()
                    : changes.extraIndexDefinitions();
            spec = new SyncedTableSpec(spec.source(), spec.target(), spec.primaryKey(), spec.timeseriesKey(), mode,
                    spec.columns(), indexes);
            if (changes.schedule() != null) {
                schedule = schedule(changes.schedule().orElse(null));
            }
            if (changes.freshnessSlaSeconds() != null) {
                sla = sla(changes.freshnessSlaSeconds().orElse(null));
            }
        }
        return new SyncedTableDefinition(spec, schedule, sla, paused, current.createdAt(), current.updatedAt());
    }

    private static void refuseChange(String field, Object requested, Object current, TableName name) {
        if (requested != null && !Objects.equals(requested, current)) {
            throw invalid("spec." + field + " of " + name + " cannot change: it defines what the Postgres table holds"
                    + " (now " + current + ", requested " + requested + "). Delete the synced table (with purge_data"
                    + " to drop the Postgres table) and create it again with the new " + field + ".");
        }
    }

    private static Optional<io.lakesync.core.model.Schedule> schedule(Schedule schedule) {
        if (schedule == null) {
            return Optional.empty();
        }
        int set = (schedule.intervalSeconds() != null ? 1 : 0) + (schedule.cron() != null ? 1 : 0)
                + (Boolean.TRUE.equals(schedule.runOnSourceChange()) ? 1 : 0);
        if (set != 1) {
            throw invalid("A schedule sets exactly one of interval_seconds, cron or on_source_change: true (got "
                    + set + "). Example: {\"interval_seconds\": 300} or {\"cron\": \"*/5 * * * *\"}.");
        }
        if (schedule.intervalSeconds() != null) {
            return Optional.of(new io.lakesync.core.model.Schedule.Interval(Duration.ofSeconds(schedule.intervalSeconds())));
        }
        if (schedule.cron() != null) {
            return Optional.of(new io.lakesync.core.model.Schedule.Cron(schedule.cron()));
        }
        return Optional.of(new io.lakesync.core.model.Schedule.OnSourceChange());
    }

    private static OptionalLong sla(Long seconds) {
        return seconds == null ? OptionalLong.empty() : OptionalLong.of(seconds);
    }

    private static LakesyncException invalid(String message) {
        return new LakesyncException(ErrorCode.INVALID_ARGUMENT, message);
    }
}
