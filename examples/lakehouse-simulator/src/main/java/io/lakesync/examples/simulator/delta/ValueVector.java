package io.lakesync.examples.simulator.delta;

import io.delta.kernel.data.ArrayValue;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.TimestampType;
import java.time.Instant;
import java.util.List;

/**
 * A Kernel column vector over plain Java values, for Kernel's Parquet writer: String, Double, Long,
 * Integer, Boolean, Instant (TIMESTAMP, microseconds) and List (ARRAY); null for null.
 */
final class ValueVector implements ColumnVector {

    private final DataType type;
    private final Object[] values;

    ValueVector(DataType type, Object[] values) {
        this.type = type;
        this.values = values;
    }

    @Override
    public DataType getDataType() {
        return type;
    }

    @Override
    public int getSize() {
        return values.length;
    }

    @Override
    public void close() {
    }

    @Override
    public boolean isNullAt(int rowId) {
        return values[rowId] == null;
    }

    @Override
    public boolean getBoolean(int rowId) {
        return (Boolean) values[rowId];
    }

    @Override
    public int getInt(int rowId) {
        return (Integer) values[rowId];
    }

    @Override
    public long getLong(int rowId) {
        Object v = values[rowId];
        return type instanceof TimestampType ? micros((Instant) v) : (Long) v;
    }

    @Override
    public double getDouble(int rowId) {
        return (Double) values[rowId];
    }

    @Override
    public String getString(int rowId) {
        return (String) values[rowId];
    }

    @Override
    public ArrayValue getArray(int rowId) {
        Object[] elements = ((List<?>) values[rowId]).toArray();
        ColumnVector vector = new ValueVector(((ArrayType) type).getElementType(), elements);
        return new ArrayValue() {
            @Override
            public int getSize() {
                return elements.length;
            }

            @Override
            public ColumnVector getElements() {
                return vector;
            }
        };
    }

    static long micros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }

    static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }
}
