package io.lakesync.core.engine;

import io.lakesync.core.error.ErrorCode;
import io.lakesync.core.error.LakesyncException;
import io.lakesync.core.model.Column;
import io.lakesync.core.model.SyncedTableSpec;
import io.lakesync.core.model.TableSchema;

/** Checks, before any data moves, that the key and timeseries columns exist and can be keys. */
public final class KeyColumns {

    private KeyColumns() {
    }

    public static void validate(SyncedTableSpec spec, TableSchema schema) {
        for (String key : spec.primaryKey()) {
            requireScalar(schema, key, "primary key");
        }
        spec.timeseriesKey().ifPresent(ts -> {
            if (spec.primaryKey().contains(ts)) {
                throw new LakesyncException(ErrorCode.INVALID_ARGUMENT, "Timeseries key '" + ts
                        + "' is also a primary key column; it must be a separate column (for example an update"
                        + " timestamp) that decides which of several rows with the same key wins.");
            }
            requireScalar(schema, ts, "timeseries key");
        });
    }

    private static void requireScalar(TableSchema schema, String name, String role) {
        Column column = schema.find(name).orElseThrow(() -> new LakesyncException(ErrorCode.COLUMN_NOT_FOUND,
                "The " + role + " column '" + name + "' is not in the source table. Its columns are: "
                        + String.join(", ", schema.names()) + ". Column names are case-sensitive."));
        if (!column.type().isKeyable()) {
            throw new LakesyncException(ErrorCode.UNSUPPORTED_KEY_TYPE, "The " + role + " column '" + name
                    + "' has type " + column.type() + ", which cannot be part of a key. Choose scalar columns"
                    + " (numbers, strings, dates, timestamps, binary, booleans).");
        }
    }

}
