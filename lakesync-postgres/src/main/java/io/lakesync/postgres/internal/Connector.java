package io.lakesync.postgres.internal;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.lakesync.core.error.ErrorCode;
import io.lakesync.core.error.LakesyncException;
import io.lakesync.postgres.JdbcUrl;
import io.lakesync.postgres.PostgresSinkOptions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.sql.Statement;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The connections to the target database: a pool (HikariCP) of at most
 * {@link PostgresSinkOptions#maxConnections()}, opened when first needed, checked before reuse
 * after a pause, and replaced by itself after the server restarted (a connection that failed
 * with a connection error is discarded, not handed out again).
 * <p>
 * Every connection runs in UTC, so values rendered as text (keys in messages) do not depend on
 * the machine's time zone, and with the apply's {@code temp_buffers}: PostgreSQL lets a session
 * change that only before its first temporary table, and a pooled session may have had one (a
 * comparison), so it is set once when the connection is made.
 * <p>
 * {@link #connect} first connects once outside the pool, so that a wrong password, an unknown
 * database or an unreachable server is explained at once and plainly (the pool would only say
 * it timed out). Session state a user of a pooled connection changes (autocommit) is reset by the
 * pool when the connection is returned; transactions always end in commit or rollback, and
 * temporary tables are {@code ON COMMIT DROP}, so nothing else carries over.
 */
public final class Connector implements AutoCloseable {

    private static final AtomicInteger POOLS = new AtomicInteger();
    /** How long an operation waits for a free connection (or for a new one) before it fails. */
    private static final long CONNECTION_TIMEOUT_MILLIS = 30_000;

    private final JdbcUrl url;
    private final HikariDataSource pool;

    private Connector(JdbcUrl url, HikariDataSource pool) {
        this.url = url;
        this.pool = pool;
    }

    /**
     * Connects once to check the URL and credentials (failing with TARGET_UNAVAILABLE,
     * TARGET_PERMISSION_DENIED or INVALID_ARGUMENT), then creates the pool, which holds no
     * connection yet: a short-lived process opens only the connections it uses.
     */
    public static Connector connect(JdbcUrl url, PostgresSinkOptions options) {
        closeQuietly(openDirect(url));
        return new Connector(url, new HikariDataSource(poolConfig(url, options)));
    }

    private static HikariConfig poolConfig(JdbcUrl url, PostgresSinkOptions options) {
        HikariConfig config = new HikariConfig();
        config.setPoolName("lakesync-" + POOLS.incrementAndGet());
        config.setJdbcUrl(url.address());
        config.setDataSourceProperties(properties(url));
        config.setMaximumPoolSize(options.maxConnections());
        config.setMinimumIdle(0);
        config.setInitializationFailTimeout(-1); // connect() already checked; the pool starts empty
        config.setConnectionTimeout(CONNECTION_TIMEOUT_MILLIS);
        config.setConnectionInitSql("SET TIME ZONE 'UTC'; SET temp_buffers = '" + options.applyMemoryBytes() / 1024
                + "kB'");
        return config;
    }

    private static Properties properties(JdbcUrl url) {
        Properties properties = url.credentials();
        if (!url.address().contains("ApplicationName=")) {
            properties.setProperty("ApplicationName", "lakesync");
        }
        return properties;
    }

    public JdbcUrl url() {
        return url;
    }

    /** A pooled connection in autocommit mode; closing it returns it to the pool. */
    public Connection open() {
        if (pool.isClosed()) {
            throw new IllegalStateException("The PostgreSQL sink for " + url.masked() + " was closed; connect again.");
        }
        try {
            return pool.getConnection();
        } catch (SQLException e) {
            throw connectFailure(e, url);
        }
    }

    /**
     * A connection of its own, outside the pool (for schema migrations, whose tool may leave session
     * settings behind); the caller closes it.
     */
    public static Connection openDirect(JdbcUrl url) {
        Connection connection;
        try {
            connection = DriverManager.getConnection(url.address(), properties(url));
        } catch (SQLException e) {
            throw connectFailure(e, url);
        }
        try (Statement s = connection.createStatement()) {
            s.execute("SET TIME ZONE 'UTC'");
            return connection;
        } catch (SQLException e) {
            closeQuietly(connection);
            throw SqlErrors.translate(e, url, "setting up the session", "");
        }
    }

    /** Connections handed out and not yet returned. */
    public int connectionsInUse() {
        return pool.getHikariPoolMXBean() == null ? 0 : pool.getHikariPoolMXBean().getActiveConnections();
    }

    /** The most connections the pool opens. */
    public int connectionsMax() {
        return pool.getMaximumPoolSize();
    }

    /** Closes the pool: idle connections at once, connections in use (a run still going) are aborted. */
    @Override
    public void close() {
        pool.close();
    }

    static LakesyncException connectFailure(SQLException e, JdbcUrl url) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String detail = url.scrub(SqlErrors.describe(e)
                + (e.getCause() instanceof SQLException cause ? ": " + SqlErrors.describe(cause) : ""));
        if (state.startsWith("28")) {
            return new LakesyncException(ErrorCode.TARGET_PERMISSION_DENIED, "PostgreSQL at " + url.masked()
                    + " refused the login: " + detail + ". Check the user and password in --jdbc-url"
                    + " (jdbc:postgresql://HOST:PORT/DATABASE?user=NAME&password=SECRET) and that pg_hba.conf"
                    + " lets this user connect from this host.", e);
        }
        if (state.equals("3D000")) {
            return new LakesyncException(ErrorCode.INVALID_ARGUMENT, "PostgreSQL at " + url.masked()
                    + " has no such database: " + detail + ". Fix the database name in --jdbc-url, or create the"
                    + " database first (CREATE DATABASE ...).", e);
        }
        if (e instanceof SQLTransientConnectionException && e.getCause() == null) {
            // the pool timed out while every connection was in use, not while connecting
            return new LakesyncException(ErrorCode.TARGET_UNAVAILABLE, "No connection to PostgreSQL at "
                    + url.masked() + " became free within " + CONNECTION_TIMEOUT_MILLIS / 1000 + " s: " + detail
                    + ". Every connection of the pool was in use (long loads hold one each). Run fewer syncs at"
                    + " once or allow more connections (--max-connections).", e);
        }
        return new LakesyncException(ErrorCode.TARGET_UNAVAILABLE, "Cannot connect to PostgreSQL at " + url.masked()
                + ": " + detail + ". Check --jdbc-url (host, port and database) and that the PostgreSQL server is"
                + " running and accepts connections there.", e);
    }

    /** Closes the session for good, so that the pool replaces it instead of handing it out again. */
    static void discardQuietly(Connection connection) {
        try {
            connection.abort(Runnable::run);
        } catch (SQLException | RuntimeException ignored) {
            // already gone
        }
    }

    public static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // closing a broken connection: nothing left to clean up on our side
        }
    }
}
