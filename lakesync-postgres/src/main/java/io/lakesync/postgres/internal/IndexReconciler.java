package io.lakesync.postgres.internal;

import io.lakesync.core.error.ErrorCode;
import io.lakesync.core.error.LakesyncException;
import io.lakesync.core.model.SyncedTableSpec;
import io.lakesync.postgres.PostgresSinkOptions;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Brings a live target's extra indexes in line with its spec, inside the caller's transaction:
 * drops the lakesync-made ({@code _lsx_}) indexes the spec no longer names, creates the missing
 * ones. A drop needs an ACCESS EXCLUSIVE lock, taken through {@link LockRetry} so a long reader
 * delays it without stalling other readers; a build takes a SHARE lock, which lets readers on.
 */
final class IndexReconciler {

    private static final Logger LOG = LoggerFactory.getLogger(IndexReconciler.class);

    private final Connection connection;
    private final PostgresSinkOptions options;

    IndexReconciler(Connection connection, PostgresSinkOptions options) {
        this.connection = connection;
        this.options = options;
    }

    void reconcile(SyncedTableSpec spec) throws SQLException {
        if (!Relations.tableExists(connection, spec.target())) {
            return; // the first snapshot builds them
        }
        String table = Sql.qualified(spec.target());
        List<ExtraIndexes.Index> wanted = ExtraIndexes.parse(spec.extraIndexes(),
                Relations.columnTypes(connection, table).keySet(), spec.target());
        Set<String> wantedNames = new HashSet<>();
        for (ExtraIndexes.Index index : wanted) {
            wantedNames.add(ExtraIndexes.name(spec.target().table(), index.columns()));
        }
        List<String> unwanted = ExtraIndexes.existing(connection, table).stream()
                .filter(name -> ExtraIndexes.isOurs(name) && !wantedNames.contains(name)).toList();
        if (!unwanted.isEmpty()) {
            new LockRetry(connection, options).run("drop of extra indexes of " + spec.target(), () -> {
                for (String name : unwanted) {
                    Relations.execute(connection, "DROP INDEX IF EXISTS "
                            + Sql.qualified(spec.target().schema(), name));
                }
            }, attempts -> new LakesyncException(ErrorCode.LOCK_TIMEOUT, "Could not drop the extra indexes "
                    + unwanted + " of " + spec.target() + " within " + options.swapRetryBudget().toSeconds() + " s ("
                    + attempts + " attempts): other sessions kept the table locked. Its indexes are unchanged."
                    + " Fix: end those sessions (see pg_stat_activity), then save the definition again."));
        }
        for (ExtraIndexes.Index index : wanted) {
            Relations.execute(connection, ExtraIndexes.createStatement(spec.target().schema(), spec.target().table(),
                    index));
        }
        LOG.info("Extra indexes of {}: {} wanted, dropped {}", spec.target(), wanted.size(), unwanted);
    }
}
