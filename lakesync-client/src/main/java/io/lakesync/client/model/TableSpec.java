package io.lakesync.client.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.Arrays;
import java.util.List;

/**
 * What to sync and how: {@code spec} of a synced table. Named TableSpec so it does not clash with
 * the engine's own SyncedTableSpec.
 *
 * @param sourceTable the Delta table: a path or a file: URI
 * @param primaryKeyColumns the target's primary key (composite allowed)
 * @param timeseriesKey optional column that picks the latest row among rows with the same key
 * @param schedule when a TRIGGERED table runs by itself; absent: only on request
 * @param columns optional subset of the source columns (key columns are always synced)
 * @param extraIndexDefinitions extra indexes on the target, each a column or a comma-separated
 *     column list ("customer, created_at")
 * @param freshnessSlaSeconds the most seconds the target may lag before the table counts as stale
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record TableSpec(
        String sourceTable,
        List<String> primaryKeyColumns,
        String timeseriesKey,
        SchedulingPolicy schedulingPolicy,
        Schedule schedule,
        List<String> columns,
        List<String> extraIndexDefinitions,
        Long freshnessSlaSeconds) {

    public TableSpec {
        primaryKeyColumns = primaryKeyColumns == null ? null : List.copyOf(primaryKeyColumns);
        columns = columns == null ? null : List.copyOf(columns);
        extraIndexDefinitions = extraIndexDefinitions == null ? null : List.copyOf(extraIndexDefinitions);
    }

    /** A builder starting from a source table and its primary key. */
    public static Builder builder(String sourceTable, String... primaryKeyColumns) {
        return new Builder().sourceTable(sourceTable).primaryKeyColumns(Arrays.asList(primaryKeyColumns));
    }

    /** A builder holding this spec's values, to change some of them. */
    public Builder toBuilder() {
        return new Builder().sourceTable(sourceTable).primaryKeyColumns(primaryKeyColumns)
                .timeseriesKey(timeseriesKey).schedulingPolicy(schedulingPolicy).schedule(schedule)
                .columns(columns).extraIndexDefinitions(extraIndexDefinitions).freshnessSlaSeconds(freshnessSlaSeconds);
    }

    /** Builds a {@link TableSpec}; every field starts absent. */
    public static final class Builder {
        private String sourceTable;
        private List<String> primaryKeyColumns;
        private String timeseriesKey;
        private SchedulingPolicy schedulingPolicy;
        private Schedule schedule;
        private List<String> columns;
        private List<String> extraIndexDefinitions;
        private Long freshnessSlaSeconds;

        private Builder() {
        }

        public Builder sourceTable(String value) {
            sourceTable = value;
            return this;
        }

        public Builder primaryKeyColumns(List<String> value) {
            primaryKeyColumns = value;
            return this;
        }

        public Builder timeseriesKey(String value) {
            timeseriesKey = value;
            return this;
        }

        public Builder schedulingPolicy(SchedulingPolicy value) {
            schedulingPolicy = value;
            return this;
        }

        public Builder schedule(Schedule value) {
            schedule = value;
            return this;
        }

        public Builder columns(List<String> value) {
            columns = value;
            return this;
        }

        public Builder extraIndexDefinitions(List<String> value) {
            extraIndexDefinitions = value;
            return this;
        }

        public Builder freshnessSlaSeconds(Long value) {
            freshnessSlaSeconds = value;
            return this;
        }

        public TableSpec build() {
            return new TableSpec(sourceTable, primaryKeyColumns, timeseriesKey, schedulingPolicy, schedule, columns,
                    extraIndexDefinitions, freshnessSlaSeconds);
        }
    }
}
