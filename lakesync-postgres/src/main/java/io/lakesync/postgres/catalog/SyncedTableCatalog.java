package io.lakesync.postgres.catalog;

import io.lakesync.core.model.SyncedTableDefinition;
import io.lakesync.core.model.SyncedTableSpec;
import io.lakesync.core.model.TableName;
import io.lakesync.core.spi.RunRecord;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * The synced tables a lakesync service manages, as stored in the target database (schema
 * {@code lakesync}): their definitions, their run history, and the extra indexes of their targets.
 * Failures are {@link io.lakesync.core.error.LakesyncException}s with codes a caller can act on.
 */
public interface SyncedTableCatalog {

    /**
     * Stores a new definition (created and updated now); fails with SYNCED_TABLE_EXISTS when one of
     * that name exists, including one stored by a run started from the command line.
     */
    SyncedTableDefinition create(SyncedTableDefinition definition);

    Optional<SyncedTableDefinition> get(TableName name);

    /** Every definition, by name. */
    List<SyncedTableDefinition> list();

    /** Replaces a definition (its created time stays, updated is now); fails with SYNCED_TABLE_NOT_FOUND. */
    SyncedTableDefinition update(SyncedTableDefinition definition);

    /**
     * Forgets a synced table: its definition, watermark and runs, in one transaction. With
     * {@code purgeData} its target table is dropped in that transaction too, but only if lakesync
     * made it (it has a watermark): a table of the same name someone else made is never dropped.
     *
     * @return whether there was anything to forget (a definition or a watermark)
     */
    boolean delete(TableName name, boolean purgeData);

    /**
     * A page of a table's runs, newest first: at most {@code pageSize} (1 to 1000) runs older than
     * {@code beforeRunId} (all when empty).
     */
    RunPage runs(TableName name, int pageSize, OptionalLong beforeRunId);

    /** The table's newest run, if it ever ran. */
    Optional<RunRecord> latestRun(TableName name);

    /**
     * Makes the live target's extra indexes match {@code spec.extraIndexes()}: creates the missing
     * ones and drops the ones lakesync made that the spec no longer has (never an index it did not
     * make). Nothing happens while the target does not exist yet: the first snapshot builds them.
     * Fails with COLUMN_NOT_FOUND when an index names a column the target does not have.
     */
    void applyExtraIndexes(SyncedTableSpec spec);

    /** Who changed what, through the service. */
    AuditLog auditLog();

    /** The API tokens the service accepts. */
    ApiTokens apiTokens();
}
