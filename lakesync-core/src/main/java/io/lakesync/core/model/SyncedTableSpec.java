package io.lakesync.core.model;

import io.lakesync.core.error.ErrorCode;
import io.lakesync.core.error.LakesyncException;
import java.util.List;
import java.util.Optional;

/**
 * What to sync: a source table, a target, its primary key, an optional timeseries key that picks
 * the winner among rows with the same key, the mode, and an optional column subset (empty = all).
 */
public record SyncedTableSpec(
        String source,
        TableName target,
        List<String> primaryKey,
        Optional<String> timeseriesKey,
        SyncMode mode,
        List<String> columns) {

    public SyncedTableSpec {
        if (source == null || source.isBlank()) {
            throw new LakesyncException(ErrorCode.INVALID_ARGUMENT,
                    "No source table given. Pass the Delta table path with --source PATH.");
        }
        primaryKey = List.copyOf(primaryKey);
        columns = List.copyOf(columns);
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
