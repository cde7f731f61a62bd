package io.lakesync.bench;

import io.lakesync.core.model.TableName;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.postgresql.copy.CopyIn;
import org.postgresql.copy.CopyManager;
import org.postgresql.core.BaseConnection;

/**
 * The raw limit of an incremental apply: the exact changes, known in advance and held in memory,
 * applied the fastest plain way in ONE transaction: binary COPY into a temporary table, one
 * {@code INSERT ... ON CONFLICT (id) DO UPDATE ... WHERE ... IS DISTINCT FROM excluded}, one
 * {@code DELETE ... WHERE id = ANY(?)}. It gets the same session memory lakesync's apply asks for
 * (64 MiB of {@code temp_buffers} and {@code work_mem}), so neither spills where the other does not.
 */
final class RawUpsertApply {

    private static final int CHUNK_BYTES = 1 << 20;
    private static final String STAGING = "raw_changes";
    private static final String SESSION_MEMORY = "65536kB";

    private final ChangesInMemory changes;

    RawUpsertApply(ChangesInMemory changes) {
        this.changes = changes;
    }

    /** What one apply did and took. */
    record Outcome(long nanos, long copyNanos, long upsertNanos, long deleteNanos, long upserted, long deleted) {
    }

    /** Prepares a connection outside the clock: session memory must be set before the first temporary table. */
    static void prepare(Connection connection) throws SQLException {
        try (Statement s = connection.createStatement()) {
            s.execute("SET temp_buffers = '" + SESSION_MEMORY + "'");
            s.execute("SET work_mem = '" + SESSION_MEMORY + "'");
        }
        connection.setAutoCommit(false);
    }

    Outcome run(Connection connection, TableName target) throws SQLException {
        long started = System.nanoTime();
        try (Statement s = connection.createStatement()) {
            s.execute(createStaging());
        }
        copyUpserts(connection);
        long copied = System.nanoTime();
        long upserted;
        try (Statement s = connection.createStatement()) {
            upserted = s.executeUpdate(upsert(target));
        }
        long merged = System.nanoTime();
        long deleted;
        try (PreparedStatement s = connection.prepareStatement("DELETE FROM " + Sql.quote(target) + " WHERE "
                + Sql.quote(BenchTableShape.KEY) + " = ANY (?)")) {
            Long[] keys = java.util.Arrays.stream(changes.deletedKeys()).boxed().toArray(Long[]::new);
            s.setArray(1, connection.createArrayOf("bigint", keys));
            deleted = s.executeUpdate();
        }
        long deletedAt = System.nanoTime();
        connection.commit();
        long done = System.nanoTime();
        return new Outcome(done - started, copied - started, merged - copied, deletedAt - merged, upserted, deleted);
    }

    private void copyUpserts(Connection connection) throws SQLException {
        CopyIn copy = new CopyManager(connection.unwrap(BaseConnection.class)).copyIn(
                "COPY " + Sql.quote(STAGING) + " FROM STDIN (FORMAT binary)");
        try {
            changes.encodeUpserts(new CopyBuffer(CHUNK_BYTES, (bytes, length) -> copy.writeToCopy(bytes, 0, length)));
            copy.endCopy();
        } finally {
            if (copy.isActive()) {
                copy.cancelCopy();
            }
        }
    }

    private String createStaging() {
        List<String> definitions = new ArrayList<>();
        List<String> names = changes.schema().names();
        for (int i = 0; i < names.size(); i++) {
            definitions.add(Sql.quote(names.get(i)) + " " + changes.sqlType(i));
        }
        return "CREATE TEMPORARY TABLE " + Sql.quote(STAGING) + " (" + String.join(", ", definitions)
                + ") ON COMMIT DROP";
    }

    private String upsert(TableName target) {
        List<String> names = changes.schema().names();
        List<String> values = names.stream().filter(n -> !n.equals(BenchTableShape.KEY)).toList();
        return "INSERT INTO " + Sql.quote(target) + " AS t (" + list("", names) + ") SELECT " + list("", names)
                + " FROM " + Sql.quote(STAGING) + " ON CONFLICT (" + Sql.quote(BenchTableShape.KEY) + ") DO UPDATE SET "
                + values.stream().map(v -> Sql.quote(v) + " = excluded." + Sql.quote(v)).collect(Collectors.joining(", "))
                + " WHERE (" + list("t.", values) + ") IS DISTINCT FROM (" + list("excluded.", values) + ")";
    }

    private static String list(String prefix, List<String> names) {
        return names.stream().map(n -> prefix + Sql.quote(n)).collect(Collectors.joining(", "));
    }
}
