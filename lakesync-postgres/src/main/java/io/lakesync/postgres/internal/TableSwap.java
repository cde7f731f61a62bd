package io.lakesync.postgres.internal;

import io.lakesync.core.error.ErrorCode;
import io.lakesync.core.error.LakesyncException;
import io.lakesync.postgres.PostgresSinkOptions;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Puts the loaded shadow table in place of the live one, inside the load's transaction, together
 * with the watermark: rename live → retired, shadow → live, drop retired, rename the key.
 * <p>
 * The renames need an ACCESS EXCLUSIVE lock on the live table. While the swap waits for it, every
 * new reader queues behind the swap; so each attempt waits at most {@code lock_timeout} (100 ms),
 * then rolls back to a savepoint, lets the queued readers through, backs off a little (jittered,
 * so repeated attempts do not align with a reader's rhythm) and tries again, until the retry
 * budget is spent (LOCK_TIMEOUT). A long reader thus delays the swap, never other readers.
 */
final class TableSwap {

    /** Work done inside the swap, after the renames (writing the watermark). */
    @FunctionalInterface
    interface Step {
        void run() throws SQLException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(TableSwap.class);
    private static final String SAVEPOINT = "lakesync_swap";
    private static final long MAX_BACKOFF_MILLIS = 1_000;

    private final Connection connection;
    private final PostgresSinkOptions options;

    TableSwap(Connection connection, PostgresSinkOptions options) {
        this.connection = connection;
        this.options = options;
    }

    /** Swaps and runs {@code inSameTransaction}; the caller commits. Returns the number of attempts. */
    int swap(TargetNames names, Step inSameTransaction) throws SQLException {
        Relations.execute(connection, "SET LOCAL lock_timeout = '" + options.swapLockTimeout().toMillis() + "ms'");
        long deadline = System.nanoTime() + options.swapRetryBudget().toNanos();
        long backoffMillis = options.swapLockTimeout().toMillis();
        for (int attempt = 1; ; attempt++) {
            Relations.execute(connection, "SAVEPOINT " + SAVEPOINT);
            try {
                renameIntoPlace(names);
                inSameTransaction.run();
                Relations.execute(connection, "RELEASE SAVEPOINT " + SAVEPOINT);
                return attempt;
            } catch (SQLException e) {
                if (!SqlErrors.is(e, SqlErrors.LOCK_NOT_AVAILABLE)) {
                    throw e;
                }
                Relations.execute(connection, "ROLLBACK TO SAVEPOINT " + SAVEPOINT);
                if (System.nanoTime() > deadline) {
                    throw lockTimeout(names, attempt);
                }
                LOG.debug("Swap of {} waited for readers (attempt {}); retrying", names.live(), attempt);
                sleep(ThreadLocalRandom.current().nextLong(backoffMillis / 2, backoffMillis + 1));
                backoffMillis = Math.min(MAX_BACKOFF_MILLIS, backoffMillis * 3 / 2);
            }
        }
    }

    private void renameIntoPlace(TargetNames names) throws SQLException {
        boolean liveExists = TargetGuard.requireOwnedOrAbsent(connection, names.live());
        if (liveExists) {
            Relations.execute(connection, "ALTER TABLE " + names.qualifiedLive() + " RENAME TO "
                    + Sql.quote(names.retired()));
        }
        Relations.execute(connection, "ALTER TABLE " + names.qualifiedShadow() + " RENAME TO "
                + Sql.quote(names.live().table()));
        if (liveExists) {
            GrantCopier.copy(connection, names.qualifiedRetired(), names.qualifiedLive());
            dropRetired(names);
        }
        Relations.execute(connection, "ALTER TABLE " + names.qualifiedLive() + " RENAME CONSTRAINT "
                + Sql.quote(names.shadowKey()) + " TO " + Sql.quote(names.liveKey()));
    }

    private void dropRetired(TargetNames names) throws SQLException {
        try {
            Relations.execute(connection, "DROP TABLE " + names.qualifiedRetired());
        } catch (SQLException e) {
            if (SqlErrors.is(e, SqlErrors.DEPENDENT_OBJECTS_STILL_EXIST)) {
                throw new LakesyncException(ErrorCode.TARGET_CONFLICT, "Cannot replace " + names.live()
                        + " because other objects depend on it: " + SqlErrors.describe(e) + ". A snapshot replaces"
                        + " the whole table, which would break them. The target table is unchanged. Fix: drop the"
                        + " dependent views or foreign keys (and recreate them after the sync).", e);
            }
            throw e;
        }
    }

    private LakesyncException lockTimeout(TargetNames names, int attempts) {
        return new LakesyncException(ErrorCode.LOCK_TIMEOUT, "Could not swap the new copy of " + names.live()
                + " into place within " + options.swapRetryBudget().toSeconds() + " s (" + attempts + " attempts):"
                + " other sessions kept the table locked (long-running queries or open transactions that read it)."
                + " The target table is unchanged. Fix: end those sessions (see pg_stat_activity), then run the"
                + " sync again.");
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LakesyncException(ErrorCode.CANCELLED, "The sync was interrupted while waiting to swap the"
                    + " new copy in; the target table is unchanged.");
        }
    }
}
