package io.lakesync.postgres.internal;

import io.lakesync.core.model.SourceVersion;
import io.lakesync.core.model.TableName;
import io.lakesync.core.spi.Watermark;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;

/** Reads and writes {@code lakesync.watermarks}: which source version each target holds. */
public final class Watermarks {

    private Watermarks() {
    }

    public static Optional<Watermark> read(Connection connection, TableName target) throws SQLException {
        return read(connection, target, "");
    }

    /**
     * Reads the watermark and locks it until the transaction ends: whoever moves it next waits for
     * this transaction, and then sees what it wrote. Waits while another transaction holds it.
     */
    public static Optional<Watermark> lock(Connection connection, TableName target) throws SQLException {
        return read(connection, target, " FOR UPDATE");
    }

    private static Optional<Watermark> read(Connection connection, TableName target, String lockClause)
            throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("SELECT delta_version, commit_timestamp, row_count,"
                + " run_id, synced_at FROM lakesync.watermarks WHERE table_name = ?" + lockClause)) {
            s.setString(1, target.toString());
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                SourceVersion version = new SourceVersion(rs.getLong(1), instant(rs, 2));
                return Optional.of(new Watermark(version, rs.getLong(3), rs.getLong(4), instant(rs, 5)));
            }
        }
    }

    /** Upserts the watermark; call inside the transaction that changes the data it describes. */
    public static void write(Connection connection, TableName target, SourceVersion version, long rowCount, long runId)
            throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("INSERT INTO lakesync.watermarks"
                + " (table_name, delta_version, commit_timestamp, row_count, run_id, synced_at)"
                + " VALUES (?, ?, ?, ?, ?, clock_timestamp())"
                + " ON CONFLICT (table_name) DO UPDATE SET delta_version = excluded.delta_version,"
                + " commit_timestamp = excluded.commit_timestamp, row_count = excluded.row_count,"
                + " run_id = excluded.run_id, synced_at = excluded.synced_at")) {
            s.setString(1, target.toString());
            s.setLong(2, version.version());
            s.setObject(3, version.commitTimestamp() == null ? null
                    : OffsetDateTime.ofInstant(version.commitTimestamp(), ZoneOffset.UTC));
            s.setLong(4, rowCount);
            s.setLong(5, runId);
            s.executeUpdate();
        }
    }

    private static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime timestamp = rs.getObject(column, OffsetDateTime.class);
        return timestamp == null ? null : timestamp.toInstant();
    }
}
