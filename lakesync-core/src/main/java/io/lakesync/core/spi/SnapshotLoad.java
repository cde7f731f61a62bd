package io.lakesync.core.spi;

import io.lakesync.core.model.RowBatch;

/**
 * One full copy of a source version on its way into the target: rows go into a shadow table that
 * no reader sees; {@link #commit()} swaps it in with the watermark, {@link #close()} without commit
 * leaves the target exactly as it was.
 */
public interface SnapshotLoad extends AutoCloseable {

    /** Writes the live rows of a batch; rows with a null key are skipped and counted. */
    void write(RowBatch batch);

    /** Rows written so far. */
    long rowsWritten();

    /** Builds the key and indexes, resolves duplicates, then swaps the shadow in and writes the watermark. */
    SnapshotResult commit();

    /** Abandons the load if not committed; never throws for an already finished load. */
    @Override
    void close();
}
