package io.lakesync.server.corpus;

import io.delta.kernel.data.ArrayValue;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.MapValue;
import io.delta.kernel.data.Row;
import java.math.BigDecimal;

/**
 * One value inside a Kernel row or vector: a top-level column of a {@link Row}, a field of a
 * struct, an element of an array, a key or value of a map. Lets the JSON rendering walk nested
 * values with one set of rules whether they sit in a row or in a vector.
 */
interface Cell {

    boolean isNull();

    boolean getBoolean();

    byte getByte();

    short getShort();

    int getInt();

    long getLong();

    float getFloat();

    double getDouble();

    String getString();

    BigDecimal getDecimal();

    byte[] getBinary();

    ArrayValue getArray();

    MapValue getMap();

    /** Field {@code ordinal} of the struct this cell holds. */
    Cell field(int ordinal);

    static Cell of(Row row, int ordinal) {
        return new InRow(row, ordinal);
    }

    static Cell of(ColumnVector vector, int rowId) {
        return new InVector(vector, rowId);
    }

    record InRow(Row row, int ordinal) implements Cell {
        @Override public boolean isNull() { return row.isNullAt(ordinal); }
        @Override public boolean getBoolean() { return row.getBoolean(ordinal); }
        @Override public byte getByte() { return row.getByte(ordinal); }
        @Override public short getShort() { return row.getShort(ordinal); }
        @Override public int getInt() { return row.getInt(ordinal); }
        @Override public long getLong() { return row.getLong(ordinal); }
        @Override public float getFloat() { return row.getFloat(ordinal); }
        @Override public double getDouble() { return row.getDouble(ordinal); }
        @Override public String getString() { return row.getString(ordinal); }
        @Override public BigDecimal getDecimal() { return row.getDecimal(ordinal); }
        @Override public byte[] getBinary() { return row.getBinary(ordinal); }
        @Override public ArrayValue getArray() { return row.getArray(ordinal); }
        @Override public MapValue getMap() { return row.getMap(ordinal); }
        @Override public Cell field(int field) { return new InRow(row.getStruct(ordinal), field); }
    }

    record InVector(ColumnVector vector, int rowId) implements Cell {
        @Override public boolean isNull() { return vector.isNullAt(rowId); }
        @Override public boolean getBoolean() { return vector.getBoolean(rowId); }
        @Override public byte getByte() { return vector.getByte(rowId); }
        @Override public short getShort() { return vector.getShort(rowId); }
        @Override public int getInt() { return vector.getInt(rowId); }
        @Override public long getLong() { return vector.getLong(rowId); }
        @Override public float getFloat() { return vector.getFloat(rowId); }
        @Override public double getDouble() { return vector.getDouble(rowId); }
        @Override public String getString() { return vector.getString(rowId); }
        @Override public BigDecimal getDecimal() { return vector.getDecimal(rowId); }
        @Override public byte[] getBinary() { return vector.getBinary(rowId); }
        @Override public ArrayValue getArray() { return vector.getArray(rowId); }
        @Override public MapValue getMap() { return vector.getMap(rowId); }
        @Override public Cell field(int field) { return new InVector(vector.getChild(field), rowId); }
    }
}
