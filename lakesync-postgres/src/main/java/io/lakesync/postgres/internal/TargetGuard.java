package io.lakesync.postgres.internal;

import io.lakesync.core.error.ErrorCode;
import io.lakesync.core.error.LakesyncException;
import io.lakesync.core.model.TableName;
import java.sql.Connection;
import java.sql.SQLException;

/**
 * lakesync replaces only tables it created: a target that exists without a lakesync watermark
 * belongs to someone else, and replacing it would destroy their data.
 */
final class TargetGuard {

    private TargetGuard() {
    }

    /** Returns whether the target exists (and is ours); fails with TARGET_CONFLICT if it is not ours. */
    static boolean requireOwnedOrAbsent(Connection connection, TableName target) throws SQLException {
        if (!Relations.tableExists(connection, target)) {
            return false;
        }
        if (Watermarks.read(connection, target).isEmpty()) {
            throw new LakesyncException(ErrorCode.TARGET_CONFLICT, "The target table " + target + " already exists"
                    + " and was not created by lakesync (it has no lakesync watermark), so lakesync will not"
                    + " replace it. Fix: drop or rename that table (ALTER TABLE " + Sql.qualified(target)
                    + " RENAME TO ...) if its data can go, or choose another --target.");
        }
        return true;
    }
}
