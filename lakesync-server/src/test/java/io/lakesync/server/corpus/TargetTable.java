package io.lakesync.server.corpus;

import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.BinaryType;
import io.delta.kernel.types.BooleanType;
import io.delta.kernel.types.ByteType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DateType;
import io.delta.kernel.types.DecimalType;
import io.delta.kernel.types.DoubleType;
import io.delta.kernel.types.FloatType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.MapType;
import io.delta.kernel.types.ShortType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampNTZType;
import io.delta.kernel.types.TimestampType;
import io.delta.kernel.types.VariantType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What the test reads back about a synced table: its column types, its key, its last run. */
final class TargetTable {

    private TargetTable() {
    }

    /** Column name to {@code format_type} of the table, in column order. */
    static Map<String, String> columnTypes(Connection c, String schema, String table) throws SQLException {
        Map<String, String> types = new LinkedHashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT a.attname, format_type(a.atttypid, a.atttypmod)"
                + " FROM pg_attribute a JOIN pg_class t ON t.oid = a.attrelid JOIN pg_namespace n ON n.oid = t.relnamespace"
                + " WHERE n.nspname = ? AND t.relname = ? AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    types.put(rs.getString(1), rs.getString(2));
                }
            }
        }
        return types;
    }

    /** The primary key columns of the table, in key order. */
    static List<String> primaryKey(Connection c, String schema, String table) throws SQLException {
        List<String> key = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT a.attname FROM pg_index i"
                + " JOIN pg_class t ON t.oid = i.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace"
                + " CROSS JOIN LATERAL unnest(i.indkey) WITH ORDINALITY AS k(attnum, position)"
                + " JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum"
                + " WHERE n.nspname = ? AND t.relname = ? AND i.indisprimary ORDER BY k.position")) {
            ps.setString(1, schema);
            ps.setString(2, table);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    key.add(rs.getString(1));
                }
            }
        }
        return key;
    }

    static boolean exists(Connection c, String qualified) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT to_regclass(?) IS NOT NULL")) {
            ps.setString(1, qualified);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        }
    }

    /** The newest run of a table in the run history. */
    record Run(String outcome, long toVersion, long rowsWritten, long rowsSkipped) {
    }

    static Optional<Run> lastRun(Connection c, String qualified) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT outcome, to_version, rows_written, rows_skipped"
                + " FROM lakesync.runs WHERE table_name = ? ORDER BY run_id DESC LIMIT 1")) {
            ps.setString(1, qualified);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Run(rs.getString(1), rs.getLong(2), rs.getLong(3), rs.getLong(4)))
                        : Optional.empty();
            }
        }
    }

    /** The PostgreSQL types DESIGN §3 maps a Delta schema to, as {@code format_type} spells them. */
    static Map<String, String> expectedColumnTypes(StructType schema) {
        Map<String, String> types = new LinkedHashMap<>();
        for (StructField field : schema.fields()) {
            types.put(field.getName(), postgresType(field.getDataType()));
        }
        return types;
    }

    private static String postgresType(DataType type) {
        if (type instanceof BooleanType) {
            return "boolean";
        } else if (type instanceof ByteType || type instanceof ShortType) {
            return "smallint";
        } else if (type instanceof IntegerType) {
            return "integer";
        } else if (type instanceof LongType) {
            return "bigint";
        } else if (type instanceof FloatType) {
            return "real";
        } else if (type instanceof DoubleType) {
            return "double precision";
        } else if (type instanceof DecimalType d) {
            return "numeric(" + d.getPrecision() + "," + d.getScale() + ")";
        } else if (type instanceof StringType) {
            return "text";
        } else if (type instanceof BinaryType) {
            return "bytea";
        } else if (type instanceof DateType) {
            return "date";
        } else if (type instanceof TimestampType) {
            return "timestamp with time zone";
        } else if (type instanceof TimestampNTZType) {
            return "timestamp without time zone";
        } else if (type instanceof StructType || type instanceof ArrayType || type instanceof MapType
                || type instanceof VariantType) {
            return "jsonb";
        }
        throw new IllegalArgumentException("DESIGN §3 has no PostgreSQL type for " + type);
    }
}
