package io.lakesync.postgres.internal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Records on its run what a transaction committed, inside that same transaction (next to the
 * watermark), so the run history stays true even when the process is killed between two
 * transactions of one run: a crashed run still shows the versions it did apply.
 */
final class RunProgress {

    private RunProgress() {
    }

    /** A committed incremental transaction: versions (from, to] and its row counts. */
    static void applied(Connection connection, long runId, long fromVersion, long toVersion, long inserted,
            long updated, long deleted, long skipped) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("UPDATE lakesync.runs SET"
                + " from_version = COALESCE(from_version, ?), to_version = ?,"
                + " rows_inserted = rows_inserted + ?, rows_updated = rows_updated + ?,"
                + " rows_deleted = rows_deleted + ?, rows_skipped = rows_skipped + ?,"
                + " rows_written = rows_written + ? WHERE run_id = ?")) {
            s.setLong(1, fromVersion);
            s.setLong(2, toVersion);
            s.setLong(3, inserted);
            s.setLong(4, updated);
            s.setLong(5, deleted);
            s.setLong(6, skipped);
            s.setLong(7, inserted + updated + deleted);
            s.setLong(8, runId);
            s.executeUpdate();
        }
    }

    /** A committed snapshot swap of one version. */
    static void swapped(Connection connection, long runId, long version, long rows, long skipped) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement("UPDATE lakesync.runs SET from_version = ?,"
                + " to_version = ?, rows_written = ?, rows_skipped = ? WHERE run_id = ?")) {
            s.setLong(1, version);
            s.setLong(2, version);
            s.setLong(3, rows);
            s.setLong(4, skipped);
            s.setLong(5, runId);
            s.executeUpdate();
        }
    }
}
