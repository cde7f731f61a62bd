package io.lakesync.server.corpus;

import io.delta.kernel.data.Row;
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
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampNTZType;
import io.delta.kernel.types.TimestampType;
import io.delta.kernel.types.VariantType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The expected rows of a synced table, loaded into a temporary table {@code expected} with the
 * synced table's own column types ({@code LIKE}) by plain JDBC {@code INSERT}s with typed
 * parameters: a path that shares nothing with lakesync's binary COPY encoder. Rows whose key has a
 * null are left out, as lakesync skips them. {@link #differences} then compares with
 * {@code EXCEPT ALL} both ways.
 */
final class ExpectedTable implements AutoCloseable {

    private static final int BATCH = 2_000;

    private final Connection connection;
    private final StructType schema;
    private final int[] keyOrdinals;
    private final PreparedStatement insert;
    private long pending;
    private long inserted;
    private long nullKeyRows;

    ExpectedTable(Connection connection, String target, StructType schema, List<String> key) throws SQLException {
        this.connection = connection;
        this.schema = schema;
        this.keyOrdinals = key.stream().mapToInt(schema::indexOf).toArray();
        for (int i = 0; i < keyOrdinals.length; i++) {
            if (keyOrdinals[i] < 0) {
                throw new IllegalArgumentException("key column " + key.get(i) + " not in " + schema);
            }
        }
        try (Statement s = connection.createStatement()) {
            s.execute("DROP TABLE IF EXISTS pg_temp.expected");
            s.execute("CREATE TEMP TABLE expected (LIKE " + target + ")");
        }
        String columns = schema.fields().stream().map(f -> quote(f.getName())).collect(Collectors.joining(", "));
        String values = schema.fields().stream().map(f -> isJson(f.getDataType()) ? "?::jsonb" : "?")
                .collect(Collectors.joining(", "));
        this.insert = connection.prepareStatement("INSERT INTO pg_temp.expected (" + columns + ") VALUES (" + values + ")");
    }

    /** Adds one expected row (a row of {@code schema}), unless its key has a null. */
    void add(Row row) {
        try {
            for (int ordinal : keyOrdinals) {
                if (row.isNullAt(ordinal)) {
                    nullKeyRows++;
                    return;
                }
            }
            for (int i = 0; i < schema.length(); i++) {
                bind(insert, i + 1, row, i, schema.at(i).getDataType());
            }
            insert.addBatch();
            inserted++;
            if (++pending == BATCH) {
                flush();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot insert expected row " + inserted + ": " + e.getMessage(), e);
        }
    }

    long inserted() {
        return inserted;
    }

    long nullKeyRows() {
        return nullKeyRows;
    }

    /**
     * Rows of {@code target} not in the expected rows and expected rows not in {@code target}
     * (each with multiplicity, at most {@code limit} of each), as text; both empty when equal.
     */
    Differences differences(String target, int limit) throws SQLException {
        flush();
        return new Differences(
                sample("SELECT * FROM " + target + " EXCEPT ALL SELECT * FROM pg_temp.expected", limit),
                sample("SELECT * FROM pg_temp.expected EXCEPT ALL SELECT * FROM " + target, limit));
    }

    record Differences(List<String> onlyInTarget, List<String> onlyExpected) {
        boolean none() {
            return onlyInTarget.isEmpty() && onlyExpected.isEmpty();
        }

        @Override
        public String toString() {
            return "rows in the synced table but not expected:\n  " + String.join("\n  ", onlyInTarget)
                    + "\nexpected rows missing from the synced table:\n  " + String.join("\n  ", onlyExpected);
        }
    }

    private List<String> sample(String query, int limit) throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement s = connection.createStatement();
                // ROW(d.*), not d: a column named d would shadow the row alias
                ResultSet rs = s.executeQuery("SELECT ROW(d.*)::text FROM (" + query + ") d LIMIT " + limit)) {
            while (rs.next()) {
                rows.add(rs.getString(1));
            }
        }
        return rows;
    }

    private void flush() throws SQLException {
        if (pending > 0) {
            insert.executeBatch();
            pending = 0;
        }
    }

    @Override
    public void close() throws SQLException {
        insert.close();
    }

    static boolean isJson(DataType type) {
        return type instanceof StructType || type instanceof ArrayType || type instanceof MapType
                || type instanceof VariantType;
    }

    static String quote(String identifier) {
        return '"' + identifier.replace("\"", "\"\"") + '"';
    }

    /** Binds column {@code ordinal} of {@code row} as a parameter of the JDBC type DESIGN §3 maps it to. */
    private static void bind(PreparedStatement ps, int index, Row row, int ordinal, DataType type) throws SQLException {
        if (row.isNullAt(ordinal)) {
            ps.setNull(index, isJson(type) ? Types.VARCHAR : Types.OTHER);
        } else if (type instanceof BooleanType) {
            ps.setBoolean(index, row.getBoolean(ordinal));
        } else if (type instanceof ByteType) {
            ps.setShort(index, row.getByte(ordinal));
        } else if (type instanceof ShortType) {
            ps.setShort(index, row.getShort(ordinal));
        } else if (type instanceof IntegerType) {
            ps.setInt(index, row.getInt(ordinal));
        } else if (type instanceof LongType) {
            ps.setLong(index, row.getLong(ordinal));
        } else if (type instanceof FloatType) {
            ps.setFloat(index, row.getFloat(ordinal));
        } else if (type instanceof DoubleType) {
            ps.setDouble(index, row.getDouble(ordinal));
        } else if (type instanceof DecimalType) {
            ps.setBigDecimal(index, row.getDecimal(ordinal));
        } else if (type instanceof StringType) {
            ps.setString(index, row.getString(ordinal));
        } else if (type instanceof BinaryType) {
            ps.setBytes(index, row.getBinary(ordinal));
        } else if (type instanceof DateType) {
            ps.setObject(index, LocalDate.ofEpochDay(row.getInt(ordinal)));
        } else if (type instanceof TimestampType) {
            ps.setObject(index, TimeValues.utcDateTime(row.getLong(ordinal)).atOffset(ZoneOffset.UTC));
        } else if (type instanceof TimestampNTZType) {
            ps.setObject(index, TimeValues.utcDateTime(row.getLong(ordinal)));
        } else if (isJson(type) && !(type instanceof VariantType)) {
            ps.setString(index, JsonText.of(Cell.of(row, ordinal), type));
        } else {
            throw new IllegalArgumentException("The corpus test cannot bind " + type);
        }
    }
}
