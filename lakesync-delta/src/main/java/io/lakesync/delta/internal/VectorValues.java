package io.lakesync.delta.internal;

import io.delta.kernel.data.ColumnVector;
import io.lakesync.core.model.ColumnValues;

/**
 * Fixed-width values (booleans, integers, floats, dates, timestamps) and binary, read straight
 * from a Kernel vector: every getter is one delegated call, no allocation.
 */
final class VectorValues implements ColumnValues {

    private final ColumnVector vector;

    VectorValues(ColumnVector vector) {
        this.vector = vector;
    }

    @Override
    public boolean isNull(int row) {
        return vector.isNullAt(row);
    }

    @Override
    public boolean getBoolean(int row) {
        return vector.getBoolean(row);
    }

    @Override
    public byte getByte(int row) {
        return vector.getByte(row);
    }

    @Override
    public short getShort(int row) {
        return vector.getShort(row);
    }

    @Override
    public int getInt(int row) {
        return vector.getInt(row);
    }

    @Override
    public long getLong(int row) {
        return vector.getLong(row);
    }

    @Override
    public float getFloat(int row) {
        return vector.getFloat(row);
    }

    @Override
    public double getDouble(int row) {
        return vector.getDouble(row);
    }

    @Override
    public byte[] getBinary(int row) {
        return vector.getBinary(row);
    }
}
