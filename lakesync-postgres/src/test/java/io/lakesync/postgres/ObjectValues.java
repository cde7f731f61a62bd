package io.lakesync.postgres;

import io.lakesync.core.model.ColumnType;
import io.lakesync.core.model.ColumnValues;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Column values from plain Java objects, for feeding the sink in tests: numbers, String, byte[],
 * BigDecimal, LocalDate (DATE), Instant (TIMESTAMP), LocalDateTime (TIMESTAMP_NTZ), JSON text
 * (VARIANT), List (ARRAY, and STRUCT as its field values in order), Map (MAP); null is null.
 */
final class ObjectValues implements ColumnValues {

    private final ColumnType type;
    private final List<?> values;

    ObjectValues(ColumnType type, List<?> values) {
        this.type = type;
        this.values = values;
    }

    private Object at(int row) {
        return values.get(row);
    }

    @Override
    public boolean isNull(int row) {
        return at(row) == null;
    }

    @Override
    public boolean getBoolean(int row) {
        return (Boolean) at(row);
    }

    @Override
    public byte getByte(int row) {
        return ((Number) at(row)).byteValue();
    }

    @Override
    public short getShort(int row) {
        return ((Number) at(row)).shortValue();
    }

    @Override
    public int getInt(int row) {
        Object v = at(row);
        return v instanceof LocalDate d ? Math.toIntExact(d.toEpochDay()) : ((Number) v).intValue();
    }

    @Override
    public long getLong(int row) {
        Object v = at(row);
        if (v instanceof Instant i) {
            return micros(i);
        }
        if (v instanceof LocalDateTime t) {
            return micros(t.toInstant(ZoneOffset.UTC));
        }
        return ((Number) v).longValue();
    }

    static long micros(Instant i) {
        return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000L), i.getNano() / 1_000);
    }

    @Override
    public float getFloat(int row) {
        return ((Number) at(row)).floatValue();
    }

    @Override
    public double getDouble(int row) {
        return ((Number) at(row)).doubleValue();
    }

    @Override
    public BigDecimal getDecimal(int row) {
        return (BigDecimal) at(row);
    }

    @Override
    public String getString(int row) {
        return (String) at(row);
    }

    @Override
    public byte[] getBinary(int row) {
        return (byte[]) at(row);
    }

    @Override
    public ArrayValue getArray(int row) {
        List<?> list = (List<?>) at(row);
        return new ArrayValue(list.size(), new ObjectValues(((ColumnType.Array) type).elementType(), list));
    }

    @Override
    public MapValue getMap(int row) {
        Map<?, ?> map = (Map<?, ?>) at(row);
        ColumnType.MapType mapType = (ColumnType.MapType) type;
        return new MapValue(map.size(), new ObjectValues(mapType.keyType(), new ArrayList<>(map.keySet())),
                new ObjectValues(mapType.valueType(), new ArrayList<>(map.values())));
    }

    @Override
    public ColumnValues field(int fieldOrdinal) {
        ColumnType fieldType = ((ColumnType.Struct) type).fields().get(fieldOrdinal).type();
        List<Object> fieldValues = new ArrayList<>(values.size());
        for (Object struct : values) {
            fieldValues.add(struct == null ? null : ((List<?>) struct).get(fieldOrdinal));
        }
        return new ObjectValues(fieldType, fieldValues);
    }
}
