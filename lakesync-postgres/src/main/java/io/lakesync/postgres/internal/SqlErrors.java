package io.lakesync.postgres.internal;

import io.lakesync.core.error.ErrorCode;
import io.lakesync.core.error.LakesyncException;
import io.lakesync.postgres.JdbcUrl;
import java.sql.SQLException;
import org.postgresql.util.PSQLException;
import org.postgresql.util.ServerErrorMessage;

/**
 * Turns a driver or server error into a {@link LakesyncException}, deciding the code by SQLState
 * (never by message text): 08 connection, 57P01-57P03 server shutting down or restarting (the
 * connection is gone too), 28/42501 privileges, 55P03 lock timeout, 57014 cancel.
 */
public final class SqlErrors {

    public static final String LOCK_NOT_AVAILABLE = "55P03";
    public static final String UNIQUE_VIOLATION = "23505";
    public static final String DEPENDENT_OBJECTS_STILL_EXIST = "2BP01";

    private SqlErrors() {
    }

    public static boolean is(SQLException e, String sqlState) {
        return sqlState.equals(e.getSQLState());
    }

    /**
     * @param doing what lakesync was doing, e.g. "loading public.orders", completing "while ..."
     * @param outcome what that means for the target, e.g. "The target table is unchanged."
     */
    public static LakesyncException translate(SQLException e, JdbcUrl url, String doing, String outcome) {
        String state = e.getSQLState() == null ? "" : e.getSQLState();
        String detail = url.scrub(describe(e));
        String suffix = outcome.isEmpty() ? "" : " " + outcome;
        if (state.startsWith("08") || state.equals("57P01") || state.equals("57P02") || state.equals("57P03")) {
            return new LakesyncException(ErrorCode.TARGET_UNAVAILABLE, "Lost the connection to PostgreSQL at "
                    + url.masked() + " while " + doing + ": " + detail + "." + suffix
                    + " Check that the server is running and reachable, then run again.", e);
        }
        if (state.startsWith("28") || state.equals("42501")) {
            return new LakesyncException(ErrorCode.TARGET_PERMISSION_DENIED, "PostgreSQL refused " + doing + ": "
                    + detail + "." + suffix + " Connect (--jdbc-url) as a user that owns the target schema or may"
                    + " create tables in it, or grant that user CREATE on the database and schema.", e);
        }
        if (state.equals(LOCK_NOT_AVAILABLE)) {
            return new LakesyncException(ErrorCode.LOCK_TIMEOUT, "Could not lock a table while " + doing + ": "
                    + detail + "." + suffix + " Another session holds it; run again when it is done.", e);
        }
        if (state.equals("57014")) {
            return new LakesyncException(ErrorCode.CANCELLED, "PostgreSQL cancelled the statement while " + doing
                    + " (statement_timeout or pg_cancel_backend)." + suffix, e);
        }
        if (state.startsWith("53")) {
            return new LakesyncException(ErrorCode.INTERNAL_ERROR, "PostgreSQL ran out of resources while " + doing
                    + ": " + detail + "." + suffix + " Free disk space or memory on the server, then run again.", e);
        }
        return new LakesyncException(ErrorCode.INTERNAL_ERROR, "PostgreSQL failed while " + doing + ": " + detail
                + "." + suffix, e);
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
