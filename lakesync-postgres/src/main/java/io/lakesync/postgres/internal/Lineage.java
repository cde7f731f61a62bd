package io.lakesync.postgres.internal;

import io.lakesync.core.model.TableName;
import java.sql.Connection;
import java.sql.SQLException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The lineage comment of a synced table, {@code COMMENT ON TABLE t IS 'lakesync: synced from Delta
 * table <source> at version <v> (run <id>)'}, written in the transaction that moves the watermark so
 * that anyone who can see the table (an app role included: comments are readable by all) can tell
 * which Delta version it holds. The view {@code lakesync.lineage} says the same from the catalog.
 */
final class Lineage {

    private static final Logger LOG = LoggerFactory.getLogger(Lineage.class);
    private static final String SAVEPOINT = "lakesync_lineage";
    /** How long an incremental apply waits for the comment's lock before leaving it to the next apply. */
    private static final int COMMENT_LOCK_TIMEOUT_MILLIS = 50;

    private Lineage() {
    }

    static String text(String source, long version, long runId) {
        return "lakesync: synced from Delta table " + source + " at version " + version + " (run " + runId + ")";
    }

    /** For the snapshot swap, which holds the table's exclusive lock already: cannot wait. */
    static void comment(Connection connection, TableName table, String source, long version, long runId)
            throws SQLException {
        Relations.execute(connection, statement(table, source, version, runId));
    }

    /**
     * For an incremental apply. COMMENT takes a SHARE UPDATE EXCLUSIVE lock, which (auto)vacuum,
     * ANALYZE or CREATE INDEX CONCURRENTLY may hold for long; the data and the watermark must not
     * wait for them, so the comment waits briefly under a savepoint and is otherwise left at the
     * previous version until the next apply (the watermark and {@code lakesync.lineage} stay exact).
     * One round trip when the lock is free.
     */
    static void commentIfUnlocked(Connection connection, TableName table, String source, long version, long runId)
            throws SQLException {
        try {
            Relations.execute(connection, "SAVEPOINT " + SAVEPOINT + "; SET LOCAL lock_timeout = '"
                    + COMMENT_LOCK_TIMEOUT_MILLIS + "ms'; " + statement(table, source, version, runId)
                    + "; RELEASE SAVEPOINT " + SAVEPOINT + "; SET LOCAL lock_timeout TO DEFAULT");
        } catch (SQLException e) {
            if (!SqlErrors.is(e, SqlErrors.LOCK_NOT_AVAILABLE)) {
                throw e;
            }
            // undoes the SET LOCAL too
            Relations.execute(connection, "ROLLBACK TO SAVEPOINT " + SAVEPOINT + "; RELEASE SAVEPOINT " + SAVEPOINT);
            LOG.info("Left the lineage comment of {} at its previous version: another session (a vacuum?) held its"
                    + " lock; version {} is in lakesync.lineage, and the next apply writes the comment", table, version);
        }
    }

    private static String statement(TableName table, String source, long version, long runId) {
        return "COMMENT ON TABLE " + Sql.qualified(table) + " IS " + Sql.literal(text(source, version, runId));
    }
}
