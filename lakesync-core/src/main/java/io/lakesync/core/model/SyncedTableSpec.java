package io.lakesync.core.model;

import io.lakesync.core.error.ErrorCode;
import io.lakesync.core.error.LakesyncException;
import java.util.List;
import java.util.Optional;

/**
 * What to sync: a source table, a target, its primary key, an optional timeseries key that picks
 * the winner among rows with the same key, the mode, an optional column subset (empty = all) and
 * extra indexes to build on the target (each a comma-separated column list, e.g. "region, day").
 */
public record SyncedTableSpec(
        String source,
        TableName target,
        List<String> primaryKey,
        Optional<String> timeseriesKey,
        SyncMode mode,
        List<String> columns,
        List<String> extraIndexes) {

    /** A spec without extra indexes. */
    public SyncedTableSpec(String source, TableName target, List<String> primaryKey, Optional<String> timeseriesKey,
            SyncMode mode, List<String> columns) {
        this(source, target, primaryKey, timeseriesKey, mode, columns, List.of());
    }

    public SyncedTableSpec {
        if (source == null || source.isBlank()) {
            throw new LakesyncException(ErrorCode.INVALID_ARGUMENT,
                    "No source table given. Pass the Delta table path with --source PATH.");
        }
        primaryKey = List.copyOf(primaryKey);
        columns = List.copyOf(columns);
        extraIndexes = extraIndexes == null ? List.of() : List.copyOf(extraIndexes);
        if (primaryKey.isEmpty()) {
            throw new LakesyncException(ErrorCode.INVALID_ARGUMENT,
                    "No primary key given for " + target + ". Pass the key columns with --primary-key COL[,COL...].");
        }
        if (primaryKey.stream().distinct().count() != primaryKey.size()) {
            throw new LakesyncException(ErrorCode.INVALID_ARGUMENT,
                    "Primary key " + primaryKey + " names a column twice. Name each key column once.");
        }
        timeseriesKey = timeseriesKey == null ? Optional.empty() : timeseriesKey;
    }

    /** The same table synced in another mode. */
    public SyncedTableSpec withMode(SyncMode newMode) {
        return new SyncedTableSpec(source, target, primaryKey, timeseriesKey, newMode, columns, extraIndexes);
    }

    /**
     * The columns to read from the source: the requested subset plus any key or timeseries column
     * it left out (they are needed to sync at all), or empty for all columns.
     */
    public List<String> projection() {
        if (columns.isEmpty()) {
            return List.of();
        }
        java.util.LinkedHashSet<String> wanted = new java.util.LinkedHashSet<>(primaryKey);
        wanted.addAll(columns);
        timeseriesKey.ifPresent(wanted::add);
        return List.copyOf(wanted);
    }
}
