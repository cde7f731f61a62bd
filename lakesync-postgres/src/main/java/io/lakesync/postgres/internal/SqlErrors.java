package io.lakesync.postgres.internal;

import io.lakesync.core.error.ErrorCode;
import io.lakesync.core.error.LakesyncException;
import io.lakesync.postgres.JdbcUrl;
import java.io.IOException;
import java.sql.SQLException;
import java.util.Set;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Turns a driver or server error into a {@link LakesyncException}, deciding the code by SQLState
 * (never by message text), so that retries follow the error class: connection failures (08), the
 * server shutting down, restarting or dropping the session (57P01-57P05), serialization failures
 * and deadlocks (40001, 40P01) and exhausted resources (53) are retryable; refused logins and
 * privileges (28, 42501), other statement errors (42: syntax, undefined objects) and data errors
 * (22) are not, as running the same thing again would fail the same way. 55P03 is a lock timeout,
 * 57014 a cancel. An error without SQLState caused by an I/O failure (a closed socket) is a lost
 * connection too.
 */
public final class SqlErrors {

    public static final String LOCK_NOT_AVAILABLE = "55P03";
    public static final String UNIQUE_VIOLATION = "23505";
    public static final String DEPENDENT_OBJECTS_STILL_EXIST = "2BP01";

    private static final Set<String> SERVER_GONE = Set.of("57P01", "57P02", "57P03", "57P04", "57P05");

    private SqlErrors() {
    }

    public static boolean is(SQLException e, String sqlState) {
        return sqlState.equals(e.getSQLState());
    }

    /** The error code of a driver or server error, by its SQLState. */
    public static ErrorCode classify(SQLException e) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        if (state.isEmpty()) {
            return causedByIo(e) ? ErrorCode.TARGET_UNAVAILABLE : ErrorCode.INTERNAL_ERROR;
        }
        if (state.startsWith("08") || SERVER_GONE.contains(state)) {
            return ErrorCode.TARGET_UNAVAILABLE;
        }
        if (state.equals("40001") || state.equals("40P01")) {
            return ErrorCode.TRANSACTION_CONFLICT;
        }
        if (state.startsWith("53")) {
            return ErrorCode.TARGET_OUT_OF_RESOURCES;
        }
        if (state.startsWith("28") || state.equals("42501")) {
            return ErrorCode.TARGET_PERMISSION_DENIED;
        }
        if (state.equals(LOCK_NOT_AVAILABLE)) {
            return ErrorCode.LOCK_TIMEOUT;
        }
        if (state.equals("57014")) {
            return ErrorCode.CANCELLED;
        }
        return ErrorCode.INTERNAL_ERROR;
    }

    private static boolean causedByIo(SQLException e) {
        int depth = 0;
        for (Throwable c = e.getCause(); c != null && depth < 20; c = c.getCause(), depth++) {
            if (c instanceof IOException) {
                return true;
            }
        }
        return false;
    }

    /**
     * @param doing what lakesync was doing, e.g. "loading public.orders", completing "while ..."
     * @param outcome what that means for the target, e.g. "The target table is unchanged."
     */
    public static LakesyncException translate(SQLException e, JdbcUrl url, String doing, String outcome) {
        String detail = url.scrub(describe(e));
        String suffix = outcome.isEmpty() ? "" : " " + outcome;
        ErrorCode code = classify(e);
        switch (code) {
            case TARGET_UNAVAILABLE:
                return new LakesyncException(code, "Lost the connection to PostgreSQL at " + url.masked() + " while "
                        + doing + ": " + detail + "." + suffix
                        + " Check that the server is running and reachable, then run again.", e);
            case TRANSACTION_CONFLICT:
                return new LakesyncException(code, "PostgreSQL aborted the transaction while " + doing
                        + " because it conflicted with another one (deadlock or serialization failure): " + detail
                        + "." + suffix + " Running again is safe and normally succeeds.", e);
            case TARGET_OUT_OF_RESOURCES:
                return new LakesyncException(code, "PostgreSQL ran out of resources while " + doing + ": " + detail
                        + "." + suffix + " Free disk space or memory on the server, or raise its max_connections,"
                        + " then run again.", e);
            case TARGET_PERMISSION_DENIED:
                return new LakesyncException(code, "PostgreSQL refused " + doing + ": " + detail + "." + suffix
                        + " Connect (--jdbc-url) as a user that owns the target schema or may create tables in"
                        + " it, or grant that user CREATE on the database and schema.", e);
            case LOCK_TIMEOUT:
                return new LakesyncException(code, "Could not lock a table while " + doing + ": " + detail + "."
                        + suffix + " Another session holds it; run again when it is done.", e);
            case CANCELLED:
                return new LakesyncException(code, "PostgreSQL cancelled the statement while " + doing
                        + " (statement_timeout or pg_cancel_backend)." + suffix, e);
            default:
                return new LakesyncException(ErrorCode.INTERNAL_ERROR, "PostgreSQL failed while " + doing + ": "
                        + detail + "." + suffix, e);
        }
    }

    /** The server's message with its SQLState and, for COPY errors, where (which line and column). */
    static String describe(SQLException e) {
        StringBuilder text = new StringBuilder();
        ServerErrorMessage server = e instanceof PSQLException p ? p.getServerErrorMessage() : null;
        if (server != null && server.getMessage() != null) {
            text.append(server.getMessage());
            if (server.getDetail() != null) {
                text.append(" (").append(server.getDetail()).append(")");
            }
            if (server.getWhere() != null) {
                text.append(" [").append(server.getWhere()).append("]");
            }
        } else {
            text.append(e.getMessage());
        }
        if (e.getSQLState() != null) {
            text.append(" [SQLSTATE ").append(e.getSQLState()).append("]");
        }
        return text.toString();
    }
}
