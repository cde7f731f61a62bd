package io.lakesync.server.incremental;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/** What the tests read back from the target database: synced rows, the watermark, the run history. */
final class TargetDb {

    /** One row of {@code lakesync.runs}. */
    record Run(long runId, String mode, String outcome, Long fromVersion, Long toVersion, long rowsInserted,
            long rowsUpdated, long rowsDeleted, int snapshotFallbacks, String errorCode) {

        boolean succeeded() {
            return "SUCCEEDED".equals(outcome);
        }
    }

    /** A synced row as PostgreSQL prints it, and the transaction that wrote it. */
    record StoredRow(String xmin, String text) {
    }

    private final String jdbcUrl;

    TargetDb(String jdbcUrl) {
        this.jdbcUrl = jdbcUrl;
    }

    String url() {
        return jdbcUrl;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl);
    }

    /** The Delta version {@code target} holds, if it was ever synced. */
    OptionalLong watermark(String target) {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(
                "SELECT delta_version FROM lakesync.watermarks WHERE table_name = ?")) {
            s.setString(1, target);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
            }
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) {
                return OptionalLong.empty(); // the catalog does not exist yet: nothing synced
            }
            throw new IllegalStateException(e);
        }
    }

    /** Every row of {@code target} by its key {@code id}, with its xmin. */
    Map<Long, StoredRow> rows(String target) {
        Map<Long, StoredRow> rows = new LinkedHashMap<>();
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(
                "SELECT t.id, t.xmin::text, t::text FROM " + target + " t ORDER BY t.id");
                ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                rows.put(rs.getLong(1), new StoredRow(rs.getString(2), rs.getString(3)));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return rows;
    }

    List<Run> runs(String target) {
        List<Run> runs = new ArrayList<>();
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement("SELECT run_id, mode, outcome,"
                + " from_version, to_version, rows_inserted, rows_updated, rows_deleted, snapshot_fallbacks, error_code"
                + " FROM lakesync.runs WHERE table_name = ? ORDER BY run_id")) {
            s.setString(1, target);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    runs.add(new Run(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getObject(4, Long.class),
                            rs.getObject(5, Long.class), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getInt(9),
                            rs.getString(10)));
                }
            }
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) {
                return runs; // the catalog does not exist yet: no run
            }
            throw new IllegalStateException(e);
        }
        return runs;
    }

    Run lastRun(String target) {
        List<Run> runs = runs(target);
        if (runs.isEmpty()) {
            throw new AssertionError("no run of " + target + " in lakesync.runs");
        }
        return runs.get(runs.size() - 1);
    }

    /** {@code format_type} of each column of {@code schema.table}, in column order. */
    Map<String, String> columnTypes(String schema, String table) {
        Map<String, String> types = new LinkedHashMap<>();
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement("SELECT a.attname,"
                + " format_type(a.atttypid, a.atttypmod) FROM pg_attribute a JOIN pg_class r ON r.oid = a.attrelid"
                + " JOIN pg_namespace n ON n.oid = r.relnamespace WHERE n.nspname = ? AND r.relname = ?"
                + " AND a.attnum > 0 AND NOT a.attisdropped ORDER BY a.attnum")) {
            s.setString(1, schema);
            s.setString(2, table);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    types.put(rs.getString(1), rs.getString(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return types;
    }
}
