package io.lakesync.server.service;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** What tests read back from the target database with plain SQL: rows, the watermark, the run history. */
public final class Pg {

    /** One row of {@code lakesync.runs}. */
    public record RunRow(long runId, String mode, String outcome, Long fromVersion, Long toVersion, long rowsWritten,
            long rowsInserted, long rowsUpdated, long rowsDeleted, String errorCode) {

        public boolean succeeded() {
            return "SUCCEEDED".equals(outcome);
        }

        public boolean snapshot() {
            return "SNAPSHOT".equals(mode);
        }
    }

    /** A JDBC URL that carries a password, and that password. */
    public record UrlWithPassword(String url, String password) {
    }

    /**
     * {@code url} with a password in it: its own, or a made-up one added (the embedded test server
     * trusts local connections and ignores it), so a test can check that no output shows it.
     */
    public static UrlWithPassword withPassword(String url) {
        Matcher m = Pattern.compile("[?&]password=([^&]+)").matcher(url);
        if (m.find()) {
            return new UrlWithPassword(url, m.group(1));
        }
        String password = "Pw-" + UUID.randomUUID();
        return new UrlWithPassword(url + (url.contains("?") ? "&" : "?") + "password=" + password, password);
    }

    private final String jdbcUrl;

    public Pg(String jdbcUrl) {
        this.jdbcUrl = jdbcUrl;
    }

    public String url() {
        return jdbcUrl;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl);
    }

    public void execute(String sql) {
        try (Connection c = connect(); Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    public long queryLong(String sql, Object... parameters) {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                s.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw new AssertionError("no row from " + sql);
                }
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
    }

    public long count(String table) {
        return queryLong("SELECT count(*) FROM " + table);
    }

    /** Whether the relation {@code schema.table} exists. */
    public boolean exists(String table) {
        return queryLong("SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
                + " WHERE n.nspname || '.' || c.relname = ?", table) > 0;
    }

    /** The Delta version {@code table} holds; empty before its first sync (or without a catalog). */
    public OptionalLong watermark(String table) {
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement(
                "SELECT delta_version FROM lakesync.watermarks WHERE table_name = ?")) {
            s.setString(1, table);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
            }
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) {
                return OptionalLong.empty();
            }
            throw new IllegalStateException(e);
        }
    }

    /**
     * EXCEPT both ways between the rows of {@code expected} and of {@code actual} (two SELECTs with the
     * same columns): empty when equal, else up to 10 rows of each side that the other lacks.
     */
    public List<String> differences(String expected, String actual) {
        List<String> problems = new ArrayList<>();
        problems.addAll(rows("expected but missing", "(" + expected + ") EXCEPT (" + actual + ")"));
        problems.addAll(rows("present but not expected", "(" + actual + ") EXCEPT (" + expected + ")"));
        long expectedRows = queryLong("SELECT count(*) FROM (" + expected + ") e");
        long actualRows = queryLong("SELECT count(*) FROM (" + actual + ") a");
        if (expectedRows != actualRows) {
            problems.add("expected " + expectedRows + " rows, found " + actualRows);
        }
        return problems;
    }

    private List<String> rows(String label, String sql) {
        List<String> found = new ArrayList<>();
        try (Connection c = connect(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("SELECT x::text FROM (" + sql + ") x LIMIT 10")) {
            while (rs.next()) {
                found.add(label + ": " + rs.getString(1));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(sql, e);
        }
        return found;
    }

    public List<RunRow> runs(String table) {
        List<RunRow> runs = new ArrayList<>();
        try (Connection c = connect(); PreparedStatement s = c.prepareStatement("SELECT run_id, mode, outcome,"
                + " from_version, to_version, rows_written, rows_inserted, rows_updated, rows_deleted, error_code"
                + " FROM lakesync.runs WHERE table_name = ? ORDER BY run_id")) {
            s.setString(1, table);
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    runs.add(new RunRow(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getObject(4, Long.class),
                            rs.getObject(5, Long.class), rs.getLong(6), rs.getLong(7), rs.getLong(8), rs.getLong(9),
                            rs.getString(10)));
                }
            }
        } catch (SQLException e) {
            if ("42P01".equals(e.getSQLState())) {
                return runs;
            }
            throw new IllegalStateException(e);
        }
        return runs;
    }

    /**
     * Exactly once, from {@code lakesync.runs}: the runs that committed work (a to_version; a run
     * killed after its commit but before it was closed counts too, as CRASHED), in run order, form
     * one chain: a snapshot first, then each incremental run starts at the version the previous one
     * ended at (no gap, no overlap), up to {@code newest}. A snapshot may restart the chain only at a
     * version not below the previous end.
     */
    public static List<String> chainProblems(List<RunRow> runs, long newest) {
        List<String> problems = new ArrayList<>();
        List<RunRow> committed = runs.stream().filter(r -> r.toVersion() != null
                && (r.snapshot() || (r.fromVersion() != null && r.toVersion() > r.fromVersion()))).toList();
        if (committed.isEmpty()) {
            return List.of("no run committed anything: " + runs);
        }
        if (!committed.get(0).snapshot()) {
            problems.add("the first committed run is not a snapshot: " + committed.get(0));
        }
        long at = committed.get(0).toVersion();
        for (RunRow run : committed.subList(1, committed.size())) {
            if (run.snapshot()) {
                if (run.toVersion() < at) {
                    problems.add("snapshot run " + run.runId() + " went back from version " + at + ": " + run);
                }
            } else if (run.fromVersion() != at) {
                problems.add((run.fromVersion() > at ? "gap" : "overlap") + ": run " + run.runId() + " applied ("
                        + run.fromVersion() + ", " + run.toVersion() + "] after the chain reached " + at);
            }
            at = run.toVersion();
        }
        if (at != newest) {
            problems.add("the chain ends at version " + at + ", the source is at " + newest);
        }
        return problems;
    }
}
