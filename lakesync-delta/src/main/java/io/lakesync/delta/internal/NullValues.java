package io.lakesync.delta.internal;

import io.lakesync.core.model.ColumnValues;

/**
 * A column whose every value is null: the non-key columns of DELETE batches read with the key
 * columns only, so that every change batch has the change set's schema.
 */
final class NullValues implements ColumnValues {

    static final NullValues INSTANCE = new NullValues();

    private NullValues() {
    }

    @Override
    public boolean isNull(int row) {
        return true;
    }

    @Override
    public ColumnValues field(int fieldOrdinal) {
        return this; // a null struct has null fields
    }
}
