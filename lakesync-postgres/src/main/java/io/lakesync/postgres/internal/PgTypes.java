package io.lakesync.postgres.internal;

import io.lakesync.core.model.Column;
import io.lakesync.core.model.ColumnType;
import io.lakesync.core.model.TableSchema;
import java.util.List;
import java.util.stream.Collectors;

/** The PostgreSQL column type of each source type (DESIGN §3). */
public final class PgTypes {

    private PgTypes() {
    }

    public static String sqlType(ColumnType type) {
        if (type instanceof ColumnType.Decimal d) {
            return "numeric(" + d.precision() + "," + d.scale() + ")";
        }
        if (!(type instanceof ColumnType.Primitive p)) {
            return "jsonb"; // ARRAY, MAP, STRUCT
        }
        switch (p.kind()) {
            case BOOLEAN:
                return "boolean";
            case BYTE:
            case SHORT:
                return "smallint";
            case INT:
                return "integer";
            case LONG:
                return "bigint";
            case FLOAT:
                return "real";
            case DOUBLE:
                return "double precision";
            case STRING:
                return "text";
            case BINARY:
                return "bytea";
            case DATE:
                return "date";
            case TIMESTAMP:
                return "timestamptz";
            case TIMESTAMP_NTZ:
                return "timestamp";
            case VARIANT:
                return "jsonb";
            default:
                throw new IllegalStateException("no PostgreSQL type for " + type);
        }
    }

    /**
     * The column definitions of a table holding {@code schema}: {@code "a" integer NOT NULL, ...}.
     * Key columns are NOT NULL from the start, so adding the primary key later needs no extra scan.
     */
    public static String columnDefinitions(TableSchema schema, List<String> keyColumns) {
        return schema.columns().stream()
                .map(c -> definition(c, keyColumns.contains(c.name())))
                .collect(Collectors.joining(", "));
    }

    private static String definition(Column column, boolean key) {
        return Sql.quote(column.name()) + " " + sqlType(column.type()) + (key ? " NOT NULL" : "");
    }
}
