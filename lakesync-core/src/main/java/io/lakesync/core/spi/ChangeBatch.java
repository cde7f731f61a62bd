package io.lakesync.core.spi;

import io.lakesync.core.model.RowBatch;

/**
 * Change rows of one kind from one source version. The batch has the columns of the change set's
 * schema (for DELETE batches only the key columns are guaranteed non-null).
 */
public record ChangeBatch(long version, ChangeKind kind, RowBatch rows) {
}
