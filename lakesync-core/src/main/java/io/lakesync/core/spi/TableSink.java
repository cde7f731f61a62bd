package io.lakesync.core.spi;

import io.lakesync.core.model.RowBatch;
import io.lakesync.core.model.SyncedTableSpec;
import io.lakesync.core.model.TableName;
import io.lakesync.core.model.TableSchema;
import java.util.Iterator;
import java.util.Optional;

/** A target database (PostgreSQL) that holds synced tables and their state. */
public interface TableSink extends AutoCloseable {

    /** The source version the target holds, if it was ever synced. */
    Optional<Watermark> watermark(TableName target);

    /** The stored definition of a synced table (key, timeseries key, columns, mode), if it was ever synced. */
    default Optional<SyncedTableSpec> definition(TableName target) {
        throw new UnsupportedOperationException("definition lookup is not implemented by " + getClass().getName());
    }

    /** Opens a full copy into a shadow table; nothing is visible to readers until commit. */
    SnapshotLoad beginSnapshot(SnapshotPlan plan);

    /**
     * Opens the apply of a range of changes to a synced table that holds {@code plan.fromVersion()};
     * schema reconciliation (added columns, widened types) happens inside the same transaction.
     * Fails right here, before any change is read, with {@code NOT_SYNCED}, {@code TARGET_CONFLICT}
     * (the watermark is elsewhere) or {@code SCHEMA_CHANGE_REQUIRES_FULL_REFRESH}.
     */
    IncrementalApply beginApply(ApplyPlan plan);

    /**
     * Compares the target with the given rows exactly (after the same key rules as a sync: null
     * keys skipped, duplicates resolved by the timeseries key) and reports the differing keys.
     */
    Comparison compare(SyncedTableSpec spec, TableSchema schema, Iterator<RowBatch> rows, int maxKeys);

    RunHistory runHistory();

    @Override
    void close();
}
