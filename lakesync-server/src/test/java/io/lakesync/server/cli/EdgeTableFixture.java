package io.lakesync.server.cli;

import io.lakesync.core.model.Column;
import io.lakesync.core.model.ColumnType;
import io.lakesync.testkit.delta.DeltaTableWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Small Delta tables written by a real Delta writer (Delta Kernel, through the testkit), synced by
 * the {@code lakesync sync} command line, and read back through JDBC: the whole path a value
 * travels, Parquet → Kernel → Delta source → engine → binary COPY → PostgreSQL.
 */
final class EdgeTableFixture {

    /** Reads one value of a result set column. */
    interface Reader<T> {
        T read(ResultSet rs, int column) throws SQLException;
    }

    private final Path dir;
    private final String jdbcUrl;

    EdgeTableFixture(Path dir, String jdbcUrl) {
        this.dir = dir;
        this.jdbcUrl = jdbcUrl;
    }

    /**
     * A Delta table named {@code name} with the key {@code id} (BIGINT) and one column {@code v} of
     * {@code type}; row i holds {@code values.get(i)} under {@code id = i}.
     */
    DeltaTableWriter writeKeyAndValue(String name, ColumnType type, List<?> values) {
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            rows.add(new Object[] {(long) i, values.get(i)});
        }
        return write(name, List.of(new Column("id", ColumnType.LONG, true), new Column("v", type, true)), rows);
    }

    /** A Delta table with the given columns: version 0 creates it, version 1 appends the rows. */
    DeltaTableWriter write(String name, List<Column> columns, List<Object[]> rows) {
        DeltaTableWriter writer = DeltaTableWriter.create(dir.resolve(name), columns, List.of(), Map.of());
        writer.append(rows);
        return writer;
    }

    /** {@code lakesync sync --source TABLE --target TARGET --primary-key KEY --jdbc-url ... EXTRA...}. */
    CliRun sync(DeltaTableWriter table, String target, String primaryKey, String... extra) {
        List<String> args = new ArrayList<>(List.of("sync", "--source", table.dir().toString(), "--target", target,
                "--primary-key", primaryKey, "--jdbc-url", jdbcUrl, "--no-progress"));
        args.addAll(List.of(extra));
        return CliRun.of(args.toArray(String[]::new));
    }

    /** {@code lakesync verify --source TABLE --target TARGET --jdbc-url ...}. */
    CliRun verify(DeltaTableWriter table, String target) {
        return CliRun.of("verify", "--source", table.dir().toString(), "--target", target, "--jdbc-url", jdbcUrl);
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl);
    }

    /** The first column of every row of {@code sql}, read by {@code reader}; SQL NULL as null. */
    <T> List<T> column(String sql, Reader<T> reader, Object... parameters) throws SQLException {
        try (Connection c = connect()) {
            return column(c, sql, reader, parameters);
        }
    }

    static <T> List<T> column(Connection c, String sql, Reader<T> reader, Object... parameters) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                List<T> out = new ArrayList<>();
                while (rs.next()) {
                    T value = reader.read(rs, 1);
                    out.add(rs.wasNull() ? null : value);
                }
                return out;
            }
        }
    }

    /** Every row of {@code sql} as its columns' text joined by {@code |} (SQL NULL as "null"). */
    List<String> rows(String sql) throws SQLException {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql); ResultSet rs = s.executeQuery()) {
            List<String> out = new ArrayList<>();
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    row.append(i > 1 ? "|" : "").append(rs.getString(i));
                }
                out.add(row.toString());
            }
            return out;
        }
    }

    /** {@code format_type} of a column of a target table, e.g. {@code numeric(38,18)}. */
    String pgType(String table, String column) throws SQLException {
        return column("SELECT format_type(atttypid, atttypmod) FROM pg_attribute WHERE attrelid = ?::regclass"
                + " AND attname = ?", ResultSet::getString, table, column).get(0);
    }

    /**
     * The JSON texts as PostgreSQL's jsonb prints them (its key order and spacing), so that the
     * documented JSON can be written naturally and still be compared exactly, number scale
     * included (jsonb keeps {@code 12.50} as {@code 12.50}).
     */
    List<String> asJsonb(List<String> json) throws SQLException {
        List<String> out = new ArrayList<>();
        try (Connection c = connect()) {
            for (String j : json) {
                out.add(j == null ? null : column(c, "SELECT (?::jsonb)::text", ResultSet::getString, j).get(0));
            }
        }
        return out;
    }
}
