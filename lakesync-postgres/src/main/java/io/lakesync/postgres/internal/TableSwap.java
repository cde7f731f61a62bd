package io.lakesync.postgres.internal;

import io.lakesync.core.error.ErrorCode;
import io.lakesync.core.error.LakesyncException;
import io.lakesync.postgres.PostgresSinkOptions;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * Puts the loaded shadow table in place of the live one, inside the load's transaction, together
 * with the watermark: rename live → retired, shadow → live, drop retired, rename the key. The
 * renames need an ACCESS EXCLUSIVE lock on the live table, taken through {@link LockRetry} so a
 * long reader delays the swap, never other readers.
 */
final class TableSwap {

    /** Work done inside the swap, after the renames (writing the watermark). */
    @FunctionalInterface
    interface Step {
        void run() throws SQLException;
    }

    private final Connection connection;
    private final PostgresSinkOptions options;

    TableSwap(Connection connection, PostgresSinkOptions options) {
        this.connection = connection;
        this.options = options;
    }

    /** Swaps and runs {@code inSameTransaction}; the caller commits. Returns the number of attempts. */
    int swap(TargetNames names, Step inSameTransaction) throws SQLException {
        return new LockRetry(connection, options).run("swap of " + names.live(), () -> {
            renameIntoPlace(names);
            inSameTransaction.run();
        }, attempts -> lockTimeout(names, attempts));
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
}
