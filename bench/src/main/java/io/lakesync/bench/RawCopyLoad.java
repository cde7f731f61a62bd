package io.lakesync.bench;

import io.lakesync.core.model.Column;
import io.lakesync.core.model.TableName;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;

/**
 * The raw limit: what the database and the driver allow for a full load, with nothing of lakesync
 * in the way. In one transaction: create the table, binary COPY FREEZE the in-memory rows into it
 * (FREEZE because the table is new in this transaction, as lakesync's shadow table is), add the
 * primary key, commit.
 */
final class RawCopyLoad {

    private static final int CHUNK_BYTES = 1 << 20;

    private final RowsInMemory rows;

    RawCopyLoad(RowsInMemory rows) {
        this.rows = rows;
    }

    /** How long a load took, in all and in its two big steps. */
    record Timing(long totalNanos, long copyNanos, long keyNanos) {
    }

    /**
     * Loads the rows into {@code target} (which must not exist) over {@code connection}, opened by
     * the caller so that connecting is not timed.
     */
    Timing run(Connection connection, TableName target) throws SQLException {
        connection.setAutoCommit(false);
        long started = System.nanoTime();
        try (Statement s = connection.createStatement()) {
            s.execute(createTable(target));
        }
        long copyStarted = System.nanoTime();
        copyRows(connection, target);
        long keyStarted = System.nanoTime();
        try (Statement s = connection.createStatement()) {
            s.execute("ALTER TABLE " + Sql.quote(target) + " ADD PRIMARY KEY (" + Sql.quote(BenchTableShape.KEY) + ")");
        }
        long keyDone = System.nanoTime();
        connection.commit();
        long done = System.nanoTime();
        return new Timing(done - started, keyStarted - copyStarted, keyDone - keyStarted);
    }

    private void copyRows(Connection connection, TableName target) throws SQLException {
        CopyIn copy = new CopyManager(connection.unwrap(BaseConnection.class)).copyIn(
                "COPY " + Sql.quote(target) + " FROM STDIN (FORMAT binary, FREEZE)");
        try {
            rows.encodeAll(new CopyBuffer(CHUNK_BYTES, (bytes, length) -> copy.writeToCopy(bytes, 0, length)));
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    private String createTable(TableName target) {
        List<String> definitions = new ArrayList<>();
        List<Column> columns = rows.schema().columns();
        for (int i = 0; i < columns.size(); i++) {
            Column c = columns.get(i);
            definitions.add(Sql.quote(c.name()) + " " + rows.sqlType(i) + (c.nullable() ? "" : " NOT NULL"));
        }
        return "CREATE TABLE " + Sql.quote(target) + " (" + String.join(", ", definitions) + ")";
    }
}
