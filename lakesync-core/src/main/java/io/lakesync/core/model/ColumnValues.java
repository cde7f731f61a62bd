package io.lakesync.core.model;

import java.math.BigDecimal;

/**
 * Random access to the values of one column of a batch. Only the getter that matches the
 * column's {@link ColumnType} may be called, and only on non-null rows:
 * <ul>
 *   <li>BOOLEAN {@link #getBoolean}; BYTE {@link #getByte}; SHORT {@link #getShort};
 *       INT and DATE (days since 1970-01-01) {@link #getInt};
 *       LONG, TIMESTAMP and TIMESTAMP_NTZ (microseconds since 1970-01-01T00:00, UTC for
 *       TIMESTAMP) {@link #getLong}; FLOAT {@link #getFloat}; DOUBLE {@link #getDouble};</li>
 *   <li>DECIMAL {@link #getDecimal} (scale equals the type's scale); STRING {@link #getString};
 *       BINARY {@link #getBinary}; VARIANT {@link #getString}, the value rendered as JSON text;</li>
 *   <li>ARRAY {@link #getArray}; MAP {@link #getMap}; STRUCT {@link #field} (one child per field,
 *       same row numbering; the struct itself may be null).</li>
 * </ul>
 */
public interface ColumnValues {

    boolean isNull(int row);

    default boolean getBoolean(int row) {
        throw unsupported("boolean");
    }

    default byte getByte(int row) {
        throw unsupported("byte");
    }

    default short getShort(int row) {
        throw unsupported("short");
    }

    default int getInt(int row) {
        throw unsupported("int");
    }

    default long getLong(int row) {
        throw unsupported("long");
    }

    default float getFloat(int row) {
        throw unsupported("float");
    }

    default double getDouble(int row) {
        throw unsupported("double");
    }

    default BigDecimal getDecimal(int row) {
        throw unsupported("decimal");
    }

    default String getString(int row) {
        throw unsupported("string");
    }

    default byte[] getBinary(int row) {
        throw unsupported("binary");
    }

    default ArrayValue getArray(int row) {
        throw unsupported("array");
    }

    default MapValue getMap(int row) {
        throw unsupported("map");
    }

    default ColumnValues field(int fieldOrdinal) {
        throw unsupported("struct");
    }

    private UnsupportedOperationException unsupported(String what) {
        return new UnsupportedOperationException(getClass().getSimpleName() + " has no " + what + " values");
    }

    /** An array value: {@code size} elements at rows 0..size-1 of {@code elements}. */
    record ArrayValue(int size, ColumnValues elements) {
    }

    /** A map value: entries at rows 0..size-1 of {@code keys} and {@code values}. */
    record MapValue(int size, ColumnValues keys, ColumnValues values) {
    }
}
