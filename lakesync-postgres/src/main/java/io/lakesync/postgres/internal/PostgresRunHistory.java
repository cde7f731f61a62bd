package io.lakesync.postgres.internal;

import io.lakesync.core.error.ErrorCode;
import io.lakesync.core.model.SyncMode;
import io.lakesync.core.model.SyncedTableSpec;
import io.lakesync.core.spi.RunHistory;
import io.lakesync.core.spi.RunOutcome;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.OptionalLong;

/**
 * The run history in {@code lakesync.runs}, with the synced table definitions it refers to. A run
 * still RUNNING when the next run of the same table starts belongs to a process that died: it is
 * closed with outcome (and error code) CRASHED, so the history never shows a run that never ends.
 */
public final class PostgresRunHistory implements RunHistory {

    public static final String CRASHED = "CRASHED";
    private static final int MAX_MESSAGE_CHARS = 8_000;
    /** Tries at recording a run's end when the connection breaks under it (see {@link #finish}). */
    private static final int FINISH_ATTEMPTS = 3;

    private final Connector connector;

    public PostgresRunHistory(Connector connector) {
        this.connector = connector;
    }

    @Override
    public long start(SyncedTableSpec spec, SyncMode mode) {
        try (Connection connection = connector.open()) {
            connection.setAutoCommit(false);
            Definitions.upsert(connection, spec);
            closeCrashedRuns(connection, spec.target().toString());
            long runId;
            try (PreparedStatement s = connection.prepareStatement("INSERT INTO lakesync.runs (table_name, mode,"
                    + " outcome) VALUES (?, ?, 'RUNNING') RETURNING run_id")) {
                s.setString(1, spec.target().toString());
                s.setString(2, mode.name());
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    runId = rs.getLong(1);
                }
            }
            connection.commit();
            return runId;
        } catch (SQLException e) {
            throw SqlErrors.translate(e, connector.url(), "recording the start of a run of " + spec.target(),
                    "Nothing was synced.");
        }
    }

    @Override
    public void succeeded(long runId, RunOutcome outcome) {
        finish(runId, "SUCCEEDED", outcome, null, null);
    }

    @Override
    public void failed(long runId, RunOutcome outcome, String errorCode, String message) {
        finish(runId, "FAILED", outcome, errorCode, message);
    }

    private void closeCrashedRuns(Connection connection, String table) throws SQLException {
        // Each committed transaction recorded its versions on the run (RunProgress), so to_version
        // tells how far a crashed run got.
        try (PreparedStatement s = connection.prepareStatement("UPDATE lakesync.runs SET outcome = 'CRASHED',"
                + " ended_at = clock_timestamp(), error_code = ?, error_message = CASE WHEN to_version IS NULL"
                + " THEN ? ELSE ? || to_version || ?  END WHERE table_name = ? AND outcome = 'RUNNING'")) {
            String stopped = "The process running this sync stopped before the run ended (crash, kill or lost"
                    + " connection).";
            s.setString(1, CRASHED);
            s.setString(2, stopped + " Nothing of it was committed: the target kept its previous version.");
            s.setString(3, stopped + " Its transactions up to version ");
            s.setString(4, " committed (counted in this run); the one in flight rolled back.");
            s.setString(5, table);
            s.executeUpdate();
        }
    }

    /**
     * Records the end of a run. A run that failed because PostgreSQL restarted often comes here on a
     * pooled connection the restart cut (the pool hands out a recently used connection unchecked):
     * the pool drops it, and another try on a new connection (which waits for the server to be
     * back, up to the pool's connection timeout) records the real outcome rather than leaving the run
     * for the next one to close as CRASHED.
     */
    private void finish(long runId, String result, RunOutcome outcome, String errorCode, String message) {
        SQLException cut = null;
        for (int attempt = 1; ; attempt++) {
            try {
                update(runId, result, outcome, errorCode, message);
                return;
            } catch (SQLException e) {
                if (cut != null) {
                    e.addSuppressed(cut);
                }
                if (SqlErrors.classify(e) != ErrorCode.TARGET_UNAVAILABLE || attempt == FINISH_ATTEMPTS) {
                    throw SqlErrors.translate(e, connector.url(), "recording the end of run " + runId, "");
                }
                cut = e;
            }
        }
    }

    private void update(long runId, String result, RunOutcome outcome, String errorCode, String message)
            throws SQLException {
        try (Connection connection = connector.open();
                PreparedStatement s = connection.prepareStatement("UPDATE lakesync.runs SET outcome = ?,"
                        + " ended_at = clock_timestamp(), from_version = ?, to_version = ?, rows_written = ?,"
                        + " rows_skipped = ?, rows_inserted = ?, rows_updated = ?, rows_deleted = ?,"
                        + " snapshot_fallbacks = ?, error_code = ?, error_message = ? WHERE run_id = ?")) {
            s.setString(1, result);
            setVersion(s, 2, outcome.fromVersion());
            setVersion(s, 3, outcome.toVersion());
            s.setLong(4, outcome.rowsWritten());
            s.setLong(5, outcome.rowsSkipped());
            s.setLong(6, outcome.rowsInserted());
            s.setLong(7, outcome.rowsUpdated());
            s.setLong(8, outcome.rowsDeleted());
            s.setInt(9, outcome.snapshotFallbacks());
            s.setString(10, errorCode);
            s.setString(11, storable(message));
            s.setLong(12, runId);
            s.executeUpdate();
        }
    }

    private static void setVersion(PreparedStatement s, int index, OptionalLong version) throws SQLException {
        if (version.isPresent()) {
            s.setLong(index, version.getAsLong());
        } else {
            s.setNull(index, Types.BIGINT);
        }
    }

    /** Text PostgreSQL can store (no NUL) and of a sane size. */
    private static String storable(String message) {
        if (message == null) {
            return null;
        }
        String clean = message.replace('\0', '\uFFFD');
        return clean.length() <= MAX_MESSAGE_CHARS ? clean : clean.substring(0, MAX_MESSAGE_CHARS) + "...";
    }
}
