package io.lakesync.delta.internal;

import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.lakesync.core.model.ColumnValues;
import io.lakesync.core.model.RowBatch;
import io.lakesync.core.model.TableSchema;

/**
 * A {@link RowBatch} over one Kernel batch. Kernel's Parquet reader fills fresh arrays for every
 * batch, so the vectors stay valid after the scan moves on and the batch may cross threads.
 */
final class KernelRowBatch implements RowBatch {

    private final int rowCount;
    private final ColumnVector selection; // null when every row is live
    private final ColumnValues[] columns;

    KernelRowBatch(FilteredColumnarBatch filtered, TableSchema schema, String dataFile) {
        ColumnarBatch data = filtered.getData();
        this.rowCount = data.getSize();
        this.selection = filtered.getSelectionVector().orElse(null);
        this.columns = new ColumnValues[schema.size()];
        for (int i = 0; i < columns.length; i++) {
            columns[i] = ColumnAdapters.adapt(schema.get(i).type(), data.getColumnVector(i),
                    new ReadContext(schema.get(i).name(), dataFile));
        }
    }

    @Override
    public int rowCount() {
        return rowCount;
    }

    @Override
    public boolean isLive(int row) {
        return selection == null || (!selection.isNullAt(row) && selection.getBoolean(row));
    }

    @Override
    public ColumnValues column(int ordinal) {
        return columns[ordinal];
    }
}
