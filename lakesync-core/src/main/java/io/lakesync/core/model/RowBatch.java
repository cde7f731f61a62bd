package io.lakesync.core.model;

/**
 * A batch of source rows in columnar form, read in place from the source's own buffers (no copy
 * per value), so that the sink can encode straight from it. Rows a deletion vector hides stay in
 * the batch but are not live.
 */
public interface RowBatch {

    /** Number of physical rows, live or not. */
    int rowCount();

    /** Whether the row is part of the table (false when a deletion vector removed it). */
    boolean isLive(int row);

    /** The values of one column; ordinals follow the snapshot's {@link TableSchema}. */
    ColumnValues column(int ordinal);
}
