package io.lakesync.postgres.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakesync.core.error.ErrorCode;
import io.lakesync.core.error.LakesyncException;
import io.lakesync.postgres.JdbcUrl;
import java.io.EOFException;
import java.net.SocketException;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.postgresql.util.PSQLException;
import org.postgresql.util.PSQLState;
import org.postgresql.util.ServerErrorMessage;

/** The error code of each class of SQLState, which decides whether the service retries. */
class SqlErrorsTest {

    private static final JdbcUrl URL = JdbcUrl.parse("jdbc:postgresql://db:5432/app?user=u&password=Secret-9");

    /** A server error as the driver builds it from the wire: severity, SQLState, message. */
    private static PSQLException server(String state, String message) {
        return new PSQLException(new ServerErrorMessage("SERROR\0C" + state + "\0M" + message + "\0"));
    }

    @Test
    void eachSqlStateClassHasItsCode() {
        Map<String, ErrorCode> expected = new LinkedHashMap<>();
        expected.put("08000", ErrorCode.TARGET_UNAVAILABLE);
        expected.put("08001", ErrorCode.TARGET_UNAVAILABLE);
        expected.put("08006", ErrorCode.TARGET_UNAVAILABLE);
        expected.put("57P01", ErrorCode.TARGET_UNAVAILABLE); // admin shutdown
        expected.put("57P02", ErrorCode.TARGET_UNAVAILABLE); // crash shutdown
        expected.put("57P03", ErrorCode.TARGET_UNAVAILABLE); // cannot connect now
        expected.put("57P04", ErrorCode.TARGET_UNAVAILABLE); // database dropped
        expected.put("57P05", ErrorCode.TARGET_UNAVAILABLE); // idle session timeout
        expected.put("40001", ErrorCode.TRANSACTION_CONFLICT);
        expected.put("40P01", ErrorCode.TRANSACTION_CONFLICT);
        expected.put("53000", ErrorCode.TARGET_OUT_OF_RESOURCES);
        expected.put("53100", ErrorCode.TARGET_OUT_OF_RESOURCES); // disk full
        expected.put("53200", ErrorCode.TARGET_OUT_OF_RESOURCES); // out of memory
        expected.put("53300", ErrorCode.TARGET_OUT_OF_RESOURCES); // too many connections
        expected.put("28000", ErrorCode.TARGET_PERMISSION_DENIED);
        expected.put("28P01", ErrorCode.TARGET_PERMISSION_DENIED);
        expected.put("42501", ErrorCode.TARGET_PERMISSION_DENIED);
        expected.put("55P03", ErrorCode.LOCK_TIMEOUT);
        expected.put("57014", ErrorCode.CANCELLED);
        expected.put("42601", ErrorCode.INTERNAL_ERROR); // syntax error
        expected.put("42P01", ErrorCode.INTERNAL_ERROR); // undefined table
        expected.put("42703", ErrorCode.INTERNAL_ERROR); // undefined column
        expected.put("22P02", ErrorCode.INTERNAL_ERROR); // invalid text representation
        expected.put("22003", ErrorCode.INTERNAL_ERROR); // numeric value out of range
        expected.put("23505", ErrorCode.INTERNAL_ERROR); // unique violation
        expected.put("XX000", ErrorCode.INTERNAL_ERROR);
        for (Map.Entry<String, ErrorCode> e : expected.entrySet()) {
            assertEquals(e.getValue(), SqlErrors.classify(server(e.getKey(), "boom")), e.getKey());
            assertEquals(e.getValue(), SqlErrors.classify(new SQLException("boom", e.getKey())), e.getKey());
        }
    }

    @Test
    void retryableExactlyForTransientClasses() {
        assertTrue(SqlErrors.classify(server("08006", "x")).retryable());
        assertTrue(SqlErrors.classify(server("57P01", "x")).retryable());
        assertTrue(SqlErrors.classify(server("40001", "x")).retryable());
        assertTrue(SqlErrors.classify(server("40P01", "x")).retryable());
        assertTrue(SqlErrors.classify(server("53100", "x")).retryable());
        assertFalse(SqlErrors.classify(server("28P01", "x")).retryable());
        assertFalse(SqlErrors.classify(server("42601", "x")).retryable());
        assertFalse(SqlErrors.classify(server("22P02", "x")).retryable());
    }

    @Test
    void anIoFailureWithoutSqlStateIsALostConnection() {
        SQLException socketClosed = new SQLException("Socket closed", (String) null, new SocketException("Socket closed"));
        assertEquals(ErrorCode.TARGET_UNAVAILABLE, SqlErrors.classify(socketClosed));
        SQLException deep = new SQLException("copy failed", (String) null,
                new IllegalStateException("wrapped", new EOFException("unexpected end of stream")));
        assertEquals(ErrorCode.TARGET_UNAVAILABLE, SqlErrors.classify(deep));
        assertEquals(ErrorCode.TARGET_UNAVAILABLE, SqlErrors.classify(new PSQLException(
                "An I/O error occurred while sending to the backend.", PSQLState.CONNECTION_FAILURE,
                new SocketException("Connection reset"))));
        assertEquals(ErrorCode.INTERNAL_ERROR, SqlErrors.classify(new SQLException("no state, no I/O")));
    }

    @Test
    void messagesNameWhatWasGoingOnAndNeverThePassword() {
        LakesyncException conflict = SqlErrors.translate(server("40P01", "deadlock detected"), URL,
                "applying changes to public.orders", "Nothing was applied.");
        assertEquals(ErrorCode.TRANSACTION_CONFLICT, conflict.code());
        assertTrue(conflict.getMessage().contains("applying changes to public.orders"), conflict.getMessage());
        assertTrue(conflict.getMessage().contains("deadlock detected") && conflict.getMessage().contains("40P01"),
                conflict.getMessage());
        assertTrue(conflict.getMessage().contains("Nothing was applied."), conflict.getMessage());

        LakesyncException lost = SqlErrors.translate(server("57P01",
                "terminating connection due to administrator command (password Secret-9)"), URL, "loading x", "");
        assertEquals(ErrorCode.TARGET_UNAVAILABLE, lost.code());
        assertFalse(lost.getMessage().contains("Secret-9"), lost.getMessage());
        assertTrue(lost.getMessage().contains("password=***"), lost.getMessage());

        assertEquals(ErrorCode.TARGET_OUT_OF_RESOURCES,
                SqlErrors.translate(server("53100", "could not extend file"), URL, "loading x", "").code());
    }

    @Test
    void aPoolThatRanOutOfConnectionsSaysSoAndAConnectFailureKeepsItsCause() {
        LakesyncException busy = Connector.connectFailure(new SQLTransientConnectionException(
                "lakesync-1 - Connection is not available, request timed out after 30000ms"), URL);
        assertEquals(ErrorCode.TARGET_UNAVAILABLE, busy.code());
        assertTrue(busy.getMessage().contains("--max-connections"), busy.getMessage());

        SQLException refused = new PSQLException("Connection to db:5432 refused.", PSQLState.CONNECTION_UNABLE_TO_CONNECT);
        LakesyncException down = Connector.connectFailure(new SQLTransientConnectionException(
                "lakesync-1 - Connection is not available", "08001", refused), URL);
        assertEquals(ErrorCode.TARGET_UNAVAILABLE, down.code());
        assertTrue(down.getMessage().contains("refused") && down.getMessage().contains("running"), down.getMessage());

        SQLException login = new PSQLException(new ServerErrorMessage(
                "SFATAL\0C28P01\0Mpassword authentication failed for user \"u\"\0"));
        assertEquals(ErrorCode.TARGET_PERMISSION_DENIED, Connector.connectFailure(login, URL).code());
    }
}
