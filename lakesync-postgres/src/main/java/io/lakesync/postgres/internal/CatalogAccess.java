package io.lakesync.postgres.internal;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Runs catalog work on a pooled connection, translating SQL failures: either statement by
 * statement (autocommit) or as one transaction that commits at the end and rolls back on any
 * failure.
 */
final class CatalogAccess {

    /** Work on one connection. */
    @FunctionalInterface
    interface Work<T> {
        T run(Connection connection) throws SQLException;
    }

    private CatalogAccess() {
    }

    /**
     * @param doing what the work is, for messages, e.g. "reading the runs of public.orders"
     */
    static <T> T autocommit(Connector connector, String doing, Work<T> work) {
        try (Connection connection = connector.open()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw SqlErrors.translate(e, connector.url(), doing, "");
        }
    }

    /** Runs {@code work} in one transaction; nothing of it stays when it fails. */
    static <T> T transaction(Connector connector, String doing, Work<T> work) {
        return autocommit(connector, doing, connection -> {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                rollbackQuietly(connection);
                throw e;
            }
        });
    }

    private static void rollbackQuietly(Connection connection) {
        try {
            connection.rollback();
        } catch (SQLException ignored) {
            // the connection broke; the server rolls back on its own, and the first error says why
        }
    }
}
