package io.lakesync.postgres.internal;

import io.lakesync.core.error.ErrorCode;
import io.lakesync.core.error.LakesyncException;
import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;

/**
 * Creates and upgrades the catalog schema {@code lakesync} (synced tables, watermarks, runs, audit
 * log, API tokens) with Flyway; migrations live in {@code db/lakesync}, the history table inside the
 * schema itself, so the catalog is self-contained and a second lakesync process sees it is current.
 */
public final class CatalogSchema {

    public static final String SCHEMA = "lakesync";

    private CatalogSchema() {
    }

    public static void migrate(Connector connector) {
        try {
            Flyway.configure(CatalogSchema.class.getClassLoader())
                    .dataSource(new ConnectorDataSource(connector))
                    .schemas(SCHEMA)
                    .defaultSchema(SCHEMA)
                    .createSchemas(true)
                    .table("flyway_schema_history")
                    .locations("classpath:db/lakesync")
                    .load()
                    .migrate();
        } catch (LakesyncException e) {
            throw e;
        } catch (FlywayException e) {
            for (Throwable c = e.getCause(); c != null; c = c.getCause()) {
                if (c instanceof LakesyncException lakesync) {
                    throw lakesync; // a connection failure, already explained
                }
            }
            Throwable cause = e.getCause();
            while (cause != null && !(cause instanceof SQLException)) {
                cause = cause.getCause();
            }
            if (cause instanceof SQLException sql) {
                throw SqlErrors.translate(sql, connector.url(), "creating the catalog schema " + SCHEMA,
                        "lakesync keeps its state there and needs it.");
            }
            throw new LakesyncException(ErrorCode.INTERNAL_ERROR, "Cannot create or upgrade the catalog schema "
                    + SCHEMA + " in " + connector.url().masked() + ": " + connector.url().scrub(e.getMessage())
                    + ". If another tool changed that schema, restore it or drop it (lakesync recreates it).", e);
        }
    }

    /**
     * Flyway wants a DataSource; its connections are made outside the pool (Flyway changes session
     * settings such as the search path), credentials never in a URL.
     */
    private static final class ConnectorDataSource implements DataSource {
        private final Connector connector;

        ConnectorDataSource(Connector connector) {
            this.connector = connector;
        }

        @Override
        public Connection getConnection() {
            return Connector.openDirect(connector.url());
        }

        @Override
        public Connection getConnection(String username, String password) {
            return Connector.openDirect(connector.url());
        }

        @Override
        public PrintWriter getLogWriter() {
            return null;
        }

        @Override
        public void setLogWriter(PrintWriter out) {
            // Flyway logs through slf4j
        }

        @Override
        public void setLoginTimeout(int seconds) {
            // the driver's own defaults apply
        }

        @Override
        public int getLoginTimeout() {
            return 0;
        }

        @Override
        public Logger getParentLogger() {
            return Logger.getLogger("io.lakesync.postgres");
        }

        @Override
        public <T> T unwrap(Class<T> type) throws SQLException {
            throw new SQLException("not a wrapper");
        }

        @Override
        public boolean isWrapperFor(Class<?> type) {
            return false;
        }
    }
}
