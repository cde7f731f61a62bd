package io.lakesync.delta.internal;

import io.delta.kernel.data.ColumnVector;
import io.lakesync.core.model.ColumnValues;

/** Strings Kernel built itself (partition values), read through Kernel's string getter. */
final class KernelStringValues implements ColumnValues {

    private final ColumnVector vector;

    KernelStringValues(ColumnVector vector) {
        this.vector = vector;
    }

    @Override
    public boolean isNull(int row) {
        return vector.isNullAt(row);
    }

    @Override
    public String getString(int row) {
        return vector.getString(row);
    }
}
