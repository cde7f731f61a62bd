package io.lakesync.core.spi;

import io.lakesync.core.model.SourceVersion;
import io.lakesync.core.model.TableSchema;

/**
 * The row changes of the commits after one version up to and including another, read with the
 * schema of the last one (columns added later read as null in older files).
 */
public interface ChangeSet {

    /** The last version of the range; applying the set brings a target to it. */
    SourceVersion toVersion();

    /** The (projected) schema at {@link #toVersion()}. */
    TableSchema schema();

    /**
     * The changes in commit version order. Each commit contributes: its Change Data Feed rows when
     * it has CDF files (insert and update_postimage as UPSERT, delete and update_preimage as
     * DELETE, so that an update that changes the key removes the old key); otherwise the rows of its added data files as UPSERT and the rows of its removed
     * data files as DELETE, with deletion vectors applied (a row newly hidden by a deletion vector
     * of a re-added file is a DELETE; its unchanged rows are not emitted). Files added or removed
     * with {@code dataChange=false} (OPTIMIZE, compaction) contribute nothing.
     */
    CloseableIterator<ChangeBatch> batches();
}
