package io.lakesync.server.cli;

import io.lakesync.client.model.Schedule;
import io.lakesync.client.model.SchedulingPolicy;
import io.lakesync.client.model.SyncedTable;
import io.lakesync.client.model.TableSpec;
import io.lakesync.client.model.TableUpdate;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What {@code lakesync apply} has to do to make the server's synced table match a definition:
 * create it, leave it, patch its mutable fields, or refuse because a field that defines the
 * table's data differs. A pure function, so the decision is tested without a server.
 *
 * <p>Absent in the definition means absent on the server for the spec fields (removing
 * freshness_sla_seconds from the file removes the SLA), but {@code paused} is enforced only when
 * the file sets it: pausing a table by hand is an operation, not a change of its definition.
 */
final class TableDefinitionsDiff {

    private TableDefinitionsDiff() {
    }

    /** One field that differs: its name in the API and both values as people read them. */
    record FieldChange(String field, String current, String desired) {
        @Override
        public String toString() {
            return field + ": " + current + " -> " + desired;
        }
    }

    /** What to do with one synced table. */
    sealed interface Plan permits Create, Unchanged, Update, Conflict {
        String name();
    }

    record Create(SyncedTable table) implements Plan {
        @Override
        public String name() {
            return table.name();
        }
    }

    record Unchanged(String name) implements Plan {
    }

    record Update(String name, TableUpdate update, List<FieldChange> changes) implements Plan {
    }

    /** Fields that cannot change in place differ; the table must be deleted and created again. */
    record Conflict(String name, List<FieldChange> immutableChanges) implements Plan {
    }

    /** The plan for {@code desired}, given the table of that name on the server (empty when there is none). */
    static Plan plan(SyncedTable desired, Optional<SyncedTable> existing) {
        if (existing.isEmpty()) {
            return new Create(desired);
        }
        TableSpec want = desired.spec();
        TableSpec have = existing.get().spec() == null
                ? new TableSpec(null, null, null, null, null, null, null, null) : existing.get().spec();
        List<FieldChange> immutable = immutableChanges(want, have);
        if (!immutable.isEmpty()) {
            return new Conflict(desired.name(), immutable);
        }
        List<FieldChange> changes = new ArrayList<>();
        TableUpdate.Builder update = TableUpdate.builder();
        if (want.schedulingPolicy() != null && want.schedulingPolicy() != have.schedulingPolicy()) {
            changes.add(new FieldChange("scheduling_policy", show(have.schedulingPolicy()), show(want.schedulingPolicy())));
            update.schedulingPolicy(want.schedulingPolicy());
        }
        if (!Objects.equals(want.schedule(), have.schedule())) {
            changes.add(new FieldChange("schedule", show(have.schedule()), show(want.schedule())));
            update.schedule(want.schedule());
        }
        if (!Objects.equals(want.freshnessSlaSeconds(), have.freshnessSlaSeconds())) {
            changes.add(new FieldChange("freshness_sla_seconds", seconds(have.freshnessSlaSeconds()),
                    seconds(want.freshnessSlaSeconds())));
            update.freshnessSlaSeconds(want.freshnessSlaSeconds());
        }
        if (!indexes(want.extraIndexDefinitions()).equals(indexes(have.extraIndexDefinitions()))) {
            changes.add(new FieldChange("extra_index_definitions", show(have.extraIndexDefinitions()),
                    show(want.extraIndexDefinitions())));
            update.extraIndexDefinitions(want.extraIndexDefinitions() == null ? List.of() : want.extraIndexDefinitions());
        }
        if (desired.paused() != null && desired.pausedOrFalse() != existing.get().pausedOrFalse()) {
            changes.add(new FieldChange("paused", String.valueOf(existing.get().pausedOrFalse()),
                    String.valueOf(desired.pausedOrFalse())));
            update.paused(desired.pausedOrFalse());
        }
        return changes.isEmpty() ? new Unchanged(desired.name()) : new Update(desired.name(), update.build(), changes);
    }

    private static List<FieldChange> immutableChanges(TableSpec want, TableSpec have) {
        List<FieldChange> changes = new ArrayList<>();
        if (!sourceKey(want.sourceTable()).equals(sourceKey(have.sourceTable()))) {
            changes.add(new FieldChange("source_table", String.valueOf(have.sourceTable()), want.sourceTable()));
        }
        if (!Objects.equals(want.primaryKeyColumns(), have.primaryKeyColumns())) {
            changes.add(new FieldChange("primary_key_columns", show(have.primaryKeyColumns()),
                    show(want.primaryKeyColumns())));
        }
        if (!Objects.equals(blankToNull(want.timeseriesKey()), blankToNull(have.timeseriesKey()))) {
            changes.add(new FieldChange("timeseries_key", String.valueOf(blankToNull(have.timeseriesKey())),
                    String.valueOf(blankToNull(want.timeseriesKey()))));
        }
        // Column order is kept: it is the column order of the PostgreSQL table.
        if (!emptyIfNull(want.columns()).equals(emptyIfNull(have.columns()))) {
            changes.add(new FieldChange("columns", show(have.columns()), show(want.columns())));
        }
        return changes;
    }

    /**
     * A source in a comparable form: "/data/t", "/data/t/" and "file:///data/t" name the same table
     * (the server may store either form).
     */
    static String sourceKey(String source) {
        if (source == null) {
            return "";
        }
        String trimmed = source.trim();
        if (trimmed.regionMatches(true, 0, "file:", 0, 5)) {
            try {
                return Path.of(URI.create(trimmed)).normalize().toString();
            } catch (IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
                return trimmed;
            }
        }
        return TableDefinitionsFile.isUri(trimmed) ? trimmed : Path.of(trimmed).normalize().toString();
    }

    /** Index definitions as a set of normalised column lists: order and spacing do not change an index set. */
    private static TreeSet<String> indexes(List<String> definitions) {
        return emptyIfNull(definitions).stream()
                .map(d -> Arrays.stream(d.split(",")).map(String::trim).collect(Collectors.joining(", ")))
                .collect(Collectors.toCollection(TreeSet::new));
    }

    private static List<String> emptyIfNull(List<String> list) {
        return list == null ? List.of() : list;
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }

    private static String show(SchedulingPolicy policy) {
        return policy == null ? "none" : policy.name();
    }

    private static String show(Schedule schedule) {
        return schedule == null ? "none" : schedule.describe();
    }

    private static String show(List<String> list) {
        return list == null || list.isEmpty() ? "none" : "[" + String.join(", ", list) + "]";
    }

    private static String seconds(Long value) {
        return value == null ? "none" : value + "s";
    }
}
