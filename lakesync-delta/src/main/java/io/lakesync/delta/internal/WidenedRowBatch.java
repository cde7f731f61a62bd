package io.lakesync.delta.internal;

import io.lakesync.core.model.ColumnValues;
import io.lakesync.core.model.RowBatch;

/**
 * A batch read with some columns of a schema (the key columns), presented with the whole schema:
 * the columns it was not read with are null.
 */
final class WidenedRowBatch implements RowBatch {

    private final RowBatch read;
    private final int[] readOrdinals; // per column of the whole schema: its ordinal in read, or -1

    WidenedRowBatch(RowBatch read, int[] readOrdinals) {
        this.read = read;
        this.readOrdinals = readOrdinals;
    }

    @Override
    public int rowCount() {
        return read.rowCount();
    }

    @Override
    public boolean isLive(int row) {
        return read.isLive(row);
    }

    @Override
    public ColumnValues column(int ordinal) {
        int source = readOrdinals[ordinal];
        return source < 0 ? NullValues.INSTANCE : read.column(source);
    }
}
