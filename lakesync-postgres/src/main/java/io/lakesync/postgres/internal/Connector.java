package io.lakesync.postgres.internal;

import io.lakesync.core.error.ErrorCode;
import io.lakesync.core.error.LakesyncException;
import io.lakesync.postgres.JdbcUrl;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;

/**
 * Opens connections to the target database. Every connection runs in UTC so that values rendered
 * as text (keys in messages) do not depend on the machine's time zone.
 */
public final class Connector {

    private final JdbcUrl url;

    public Connector(JdbcUrl url) {
        this.url = url;
    }

    public JdbcUrl url() {
        return url;
    }

    /** A connection in autocommit mode. */
    public Connection open() {
        Properties properties = url.credentials();
        if (!url.address().contains("ApplicationName=")) {
            properties.setProperty("ApplicationName", "lakesync");
        }
        Connection connection;
        try {
            connection = DriverManager.getConnection(url.address(), properties);
        } catch (SQLException e) {
            throw connectFailure(e);
        }
        try (Statement s = connection.createStatement()) {
            s.execute("SET TIME ZONE 'UTC'");
            return connection;
        } catch (SQLException e) {
            closeQuietly(connection);
            throw SqlErrors.translate(e, url, "setting up the session", "");
        }
    }

    private LakesyncException connectFailure(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String detail = url.scrub(SqlErrors.describe(e));
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
        return new LakesyncException(ErrorCode.TARGET_UNAVAILABLE, "Cannot connect to PostgreSQL at " + url.masked()
                + ": " + detail + ". Check --jdbc-url (host, port and database) and that the PostgreSQL server is"
                + " running and accepts connections there.", e);
    }

    public static void closeQuietly(Connection connection) {
        try {
            connection.close();
        } catch (SQLException ignored) {
            // closing a broken connection: nothing left to clean up on our side
        }
    }
}
