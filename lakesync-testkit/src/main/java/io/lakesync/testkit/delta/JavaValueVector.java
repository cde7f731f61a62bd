package io.lakesync.testkit.delta;

import io.delta.kernel.data.ArrayValue;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.MapValue;
import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DateType;
import io.delta.kernel.types.DecimalType;
import io.delta.kernel.types.MapType;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampNTZType;
import io.delta.kernel.types.TimestampType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;

/**
 * A Kernel column vector over plain Java values (see {@link DeltaTableWriter} for the value of
 * each type), so that Kernel's Parquet writer can write them.
 */
final class JavaValueVector implements ColumnVector {

    private final DataType type;
    private final Object[] values;
    private final int size;
    private ColumnVector[] children;

    JavaValueVector(DataType type, Object[] values, int size) {
        this.type = type;
        this.values = values;
        this.size = size;
    }

    @Override
    public DataType getDataType() {
        return type;
    }

    @Override
    public int getSize() {
        return size;
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
    public byte getByte(int rowId) {
        return (Byte) values[rowId];
    }

    @Override
    public short getShort(int rowId) {
        return (Short) values[rowId];
    }

    @Override
    public int getInt(int rowId) {
        Object v = values[rowId];
        return type instanceof DateType ? JavaValues.days((LocalDate) v) : (Integer) v;
    }

    @Override
    public long getLong(int rowId) {
        Object v = values[rowId];
        if (type instanceof TimestampType) {
            return JavaValues.micros((Instant) v);
        } else if (type instanceof TimestampNTZType) {
            return JavaValues.micros((LocalDateTime) v);
        }
        return (Long) v;
    }

    @Override
    public float getFloat(int rowId) {
        return (Float) values[rowId];
    }

    @Override
    public double getDouble(int rowId) {
        return (Double) values[rowId];
    }

    @Override
    public byte[] getBinary(int rowId) {
        return (byte[]) values[rowId];
    }

    @Override
    public String getString(int rowId) {
        return (String) values[rowId];
    }

    @Override
    public BigDecimal getDecimal(int rowId) {
        return values[rowId] == null ? null
                : JavaValues.atScale((BigDecimal) values[rowId], ((DecimalType) type).getScale());
    }

    @Override
    public ArrayValue getArray(int rowId) {
        Object[] elements = ((List<?>) values[rowId]).toArray();
        ColumnVector vector = new JavaValueVector(((ArrayType) type).getElementType(), elements, elements.length);
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

    @Override
    public MapValue getMap(int rowId) {
        Map<?, ?> map = (Map<?, ?>) values[rowId];
        MapType mapType = (MapType) type;
        Object[] keys = new Object[map.size()];
        Object[] vals = new Object[map.size()];
        int i = 0;
        for (Map.Entry<?, ?> e : map.entrySet()) {
            keys[i] = e.getKey();
            vals[i] = e.getValue();
            i++;
        }
        ColumnVector keyVector = new JavaValueVector(mapType.getKeyType(), keys, keys.length);
        ColumnVector valueVector = new JavaValueVector(mapType.getValueType(), vals, vals.length);
        return new MapValue() {
            @Override
            public int getSize() {
                return keys.length;
            }

            @Override
            public ColumnVector getKeys() {
                return keyVector;
            }

            @Override
            public ColumnVector getValues() {
                return valueVector;
            }
        };
    }

    @Override
    public ColumnVector getChild(int ordinal) {
        if (children == null) {
            children = structChildren();
        }
        return children[ordinal];
    }

    /** One vector per struct field; a struct is a List or an Object[] of its field values. */
    private ColumnVector[] structChildren() {
        StructType struct = (StructType) type;
        ColumnVector[] result = new ColumnVector[struct.length()];
        for (int f = 0; f < result.length; f++) {
            Object[] fieldValues = new Object[size];
            for (int row = 0; row < size; row++) {
                Object v = values[row];
                if (v != null) {
                    fieldValues[row] = v instanceof Object[] array ? array[f] : ((List<?>) v).get(f);
                }
            }
            result[f] = new JavaValueVector(struct.at(f).getDataType(), fieldValues, size);
        }
        return result;
    }
}
