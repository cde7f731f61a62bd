package io.lakesync.core.spi;

import io.lakesync.core.model.RowBatch;
import io.lakesync.core.model.SourceVersion;
import io.lakesync.core.model.TableSchema;
import java.util.OptionalLong;

/** A source table pinned at one version: its schema and its rows. */
public interface SourceSnapshot {

    SourceVersion version();

    /** The columns each batch carries, in order (the projection when one was asked for). */
    TableSchema schema();

    /** Live rows at this version when the table's statistics tell (for progress), else empty. */
    OptionalLong estimatedRowCount();

    /**
     * The rows, batch by batch. Each batch stays valid after the iterator moves on, so batches can
     * be handed to another thread.
     */
    CloseableIterator<RowBatch> batches();
}
