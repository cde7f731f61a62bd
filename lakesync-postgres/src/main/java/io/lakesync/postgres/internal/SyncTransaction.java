package io.lakesync.postgres.internal;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The one connection and one transaction a snapshot load or an incremental apply runs in, and its
 * lifecycle: OPEN until it commits or fails; a failure (or a close without commit) cancels the
 * COPY in flight, rolls back and releases the connection, so the target stays as it was. Never
 * throws while abandoning: the server rolls back on disconnect anyway.
 */
final class SyncTransaction {

    /** Stops the COPY in flight, if any, before the rollback. */
    interface CopyCanceller {
        void cancel();
    }

    private enum State { OPEN, COMMITTED, ROLLED_BACK, FAILED }

    private final Connection connection;
    private final String description;
    private CopyCanceller copy = () -> { };
    private State state = State.OPEN;

    /** Opens the transaction on {@code connection}; {@code description} names the work in errors ("the load of x"). */
    SyncTransaction(Connection connection, String description) throws SQLException {
        this.connection = connection;
        this.description = description;
        connection.setAutoCommit(false);
    }

    Connection connection() {
        return connection;
    }

    void onAbandonCancel(CopyCanceller canceller) {
        this.copy = canceller;
    }

    /** Guards every step: a finished transaction cannot be used again. */
    void requireOpen() {
        if (state != State.OPEN) {
            throw new IllegalStateException("The " + description + " is " + state + "; start a new one.");
        }
    }

    /** Commits and releases the connection. */
    void commit() throws SQLException {
        connection.commit();
        state = State.COMMITTED;
        Connector.closeQuietly(connection);
    }

    /** Rolls back on purpose (a dry run is done) and releases the connection. */
    void rollBack() {
        abandon();
        state = State.ROLLED_BACK;
    }

    /** Abandons the transaction and returns {@code e} for the caller to throw. */
    RuntimeException fail(RuntimeException e) {
        abandon();
        return e;
    }

    /** Releases the connection; rolls back unless committed. */
    void close() {
        if (state == State.COMMITTED) {
            Connector.closeQuietly(connection);
        } else {
            abandon();
        }
    }

    private void abandon() {
        if (state == State.FAILED || state == State.ROLLED_BACK) {
            return;
        }
        state = State.FAILED;
        copy.cancel();
        try {
            if (!connection.isClosed()) {
                connection.rollback();
            }
        } catch (SQLException e) {
            // a session that cannot roll back (a COPY stuck half-way, a broken socket) must not go back
            // to the pool; dropping it makes the server roll back
            Connector.discardQuietly(connection);
        }
        Connector.closeQuietly(connection);
    }
}
