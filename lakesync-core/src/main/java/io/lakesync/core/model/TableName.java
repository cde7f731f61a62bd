package io.lakesync.core.model;

import io.lakesync.core.error.ErrorCode;
import io.lakesync.core.error.LakesyncException;

/** A PostgreSQL target table, {@code schema.table}. Names are kept exactly as given (quoted in SQL). */
public record TableName(String schema, String table) {

    public TableName {
        if (schema == null || schema.isBlank() || table == null || table.isBlank()) {
            throw new LakesyncException(ErrorCode.INVALID_ARGUMENT,
                    "Target table name is empty. Give the target as SCHEMA.TABLE, for example public.orders.");
        }
    }

    /** Parses {@code schema.table}; a name without a dot lands in schema {@code public}. */
    public static TableName parse(String qualified) {
        if (qualified == null || qualified.isBlank()) {
            throw new LakesyncException(ErrorCode.INVALID_ARGUMENT,
                    "Target table name is empty. Give the target as SCHEMA.TABLE, for example public.orders.");
        }
        int dot = qualified.indexOf('.');
        if (dot < 0) {
            return new TableName("public", qualified);
        }
        if (qualified.indexOf('.', dot + 1) >= 0) {
            throw new LakesyncException(ErrorCode.INVALID_ARGUMENT, "Target table name '" + qualified
                    + "' has more than one dot. Give the target as SCHEMA.TABLE, for example public.orders.");
        }
        return new TableName(qualified.substring(0, dot), qualified.substring(dot + 1));
    }

    @Override
    public String toString() {
        return schema + "." + table;
    }
}
