package io.lakesync.bench;

import io.lakesync.core.model.TableName;
import io.lakesync.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The database both sides of a comparison load into: {@code LAKESYNC_BENCH_JDBC_URL} when set,
 * else a fresh database on an embedded PostgreSQL 17 started for this run. The raw limit and
 * lakesync share the server, so their ratio compares loaders, not servers.
 */
final class BenchDatabase {

    static final String SCHEMA = "lakesync_bench";

    private final String jdbcUrl;
    private final AtomicInteger tables = new AtomicInteger();

    private BenchDatabase(String jdbcUrl) {
        this.jdbcUrl = jdbcUrl;
    }

    static BenchDatabase start() throws SQLException {
        String external = System.getenv("LAKESYNC_BENCH_JDBC_URL");
        boolean embedded = external == null || external.isBlank();
        String url = embedded ? TestPostgres.newDatabase() : external;
        System.out.println("postgres: " + (embedded ? "embedded PostgreSQL (fsync off), port "
                + TestPostgres.embeddedPort() : "LAKESYNC_BENCH_JDBC_URL") + ", " + serverVersion(url));
        BenchDatabase database = new BenchDatabase(url);
        database.execute("CREATE SCHEMA IF NOT EXISTS " + Sql.quote(SCHEMA));
        return database;
    }

    String jdbcUrl() {
        return jdbcUrl;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(jdbcUrl);
    }

    /**
     * Process id of the server's postmaster when it runs on this machine (the parent of our
     * backend), for CPU accounting; -1 otherwise.
     */
    long postmasterPid() throws SQLException {
        try (Connection c = connect(); Statement s = c.createStatement();
                java.sql.ResultSet rs = s.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return CpuClocks.postmasterOf(rs.getLong(1));
        }
    }

    /** A table name not used before in this run. */
    TableName freshTable(String prefix) {
        return new TableName(SCHEMA, prefix + "_" + ProcessHandle.current().pid() + "_" + tables.incrementAndGet());
    }

    /**
     * Drops a loaded table and checkpoints, so that every timed load starts from the same state
     * instead of paying for the previous one's dirty pages.
     */
    void dropAndSettle(TableName table) throws SQLException {
        execute("DROP TABLE IF EXISTS " + Sql.quote(table));
        try {
            execute("CHECKPOINT");
        } catch (SQLException e) {
            // CHECKPOINT needs superuser or pg_checkpoint; on a shared server we just go without it
        }
    }

    /** Rows in one table but not the other, both ways (DESIGN §5's equality check). */
    long differingRows(TableName a, TableName b) throws SQLException {
        String sql = "SELECT (SELECT count(*) FROM (TABLE " + Sql.quote(a) + " EXCEPT ALL TABLE " + Sql.quote(b) + ") x)"
                + " + (SELECT count(*) FROM (TABLE " + Sql.quote(b) + " EXCEPT ALL TABLE " + Sql.quote(a) + ") y)";
        try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement();
                java.sql.ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    void execute(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    private static String serverVersion(String url) throws SQLException {
        try (Connection c = DriverManager.getConnection(url)) {
            return "PostgreSQL " + c.getMetaData().getDatabaseProductVersion();
        }
    }
}
