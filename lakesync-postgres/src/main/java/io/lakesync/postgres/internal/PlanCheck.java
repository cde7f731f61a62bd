package io.lakesync.postgres.internal;

import io.lakesync.core.error.ErrorCode;
import io.lakesync.core.error.LakesyncException;
import io.lakesync.core.model.Column;
import io.lakesync.core.model.SyncedTableSpec;
import io.lakesync.core.model.TableSchema;
import java.util.HashSet;
import java.util.Set;

/** What the sink needs of a schema before it creates a table for it: names PostgreSQL can hold, usable keys. */
final class PlanCheck {

    private PlanCheck() {
    }

    static void requireLoadable(SyncedTableSpec spec, TableSchema schema) {
        Set<String> seen = new HashSet<>();
        for (Column column : schema.columns()) {
            if (Sql.utf8Length(column.name()) > Sql.MAX_IDENTIFIER_BYTES) {
                throw new LakesyncException(ErrorCode.INVALID_ARGUMENT, "Column '" + column.name() + "' has a name"
                        + " longer than PostgreSQL's limit of 63 bytes, so it cannot be a column of "
                        + spec.target() + ". Fix: leave it out with --columns, or rename it in the source.");
            }
            if (!seen.add(column.name())) {
                throw new LakesyncException(ErrorCode.INVALID_ARGUMENT, "Column '" + column.name() + "' appears"
                        + " twice in the columns to sync. Name each column once in --columns.");
            }
        }
        for (String key : spec.primaryKey()) {
            requireKeyable(schema, key, "primary key");
        }
        spec.timeseriesKey().ifPresent(ts -> requireKeyable(schema, ts, "timeseries key"));
    }

    private static void requireKeyable(TableSchema schema, String name, String role) {
        Column column = schema.find(name).orElseThrow(() -> new LakesyncException(ErrorCode.COLUMN_NOT_FOUND,
                "The " + role + " column '" + name + "' is not among the columns to sync ("
                        + String.join(", ", schema.names()) + "). Column names are case-sensitive."));
        if (!column.type().isKeyable()) {
            throw new LakesyncException(ErrorCode.UNSUPPORTED_KEY_TYPE, "The " + role + " column '" + name
                    + "' has type " + column.type() + ", which cannot be part of a key. Choose scalar columns.");
        }
    }
}
