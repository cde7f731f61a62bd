package io.lakesync.testkit.delta;

import io.lakesync.core.model.Column;
import io.lakesync.core.model.ColumnType;
import io.lakesync.core.model.ColumnValues;
import io.lakesync.core.model.RowBatch;
import io.lakesync.core.model.TableSchema;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads rows out of {@link RowBatch}es through the {@link ColumnValues} getters, as Java values of
 * the same kinds {@link DeltaTableWriter} takes: Boolean, Byte, Short, Integer, Long, Float, Double,
 * BigDecimal, String (also VARIANT, as JSON text), byte[], LocalDate, Instant, LocalDateTime, List
 * (ARRAY and STRUCT, one element per field), Map (LinkedHashMap, MAP); null for null.
 */
public final class RowBatchValues {

    private RowBatchValues() {
    }

    /** The live rows of all batches. */
    public static List<Object[]> rows(TableSchema schema, Iterator<RowBatch> batches) {
        List<Object[]> rows = new ArrayList<>();
        while (batches.hasNext()) {
            rows.addAll(rows(schema, batches.next()));
        }
        return rows;
    }

    /** The live rows of one batch. */
    public static List<Object[]> rows(TableSchema schema, RowBatch batch) {
        List<Object[]> rows = new ArrayList<>();
        for (int r = 0; r < batch.rowCount(); r++) {
            if (!batch.isLive(r)) {
                continue;
            }
            Object[] row = new Object[schema.size()];
            for (int c = 0; c < row.length; c++) {
                row[c] = value(schema.get(c).type(), batch.column(c), r);
            }
            rows.add(row);
        }
        return rows;
    }

    public static Object value(ColumnType type, ColumnValues values, int row) {
        if (values.isNull(row)) {
            return null;
        }
        if (type instanceof ColumnType.Decimal) {
            return values.getDecimal(row);
        } else if (type instanceof ColumnType.Array a) {
            ColumnValues.ArrayValue array = values.getArray(row);
            List<Object> list = new ArrayList<>(array.size());
            for (int i = 0; i < array.size(); i++) {
                list.add(value(a.elementType(), array.elements(), i));
            }
            return list;
        } else if (type instanceof ColumnType.MapType m) {
            ColumnValues.MapValue map = values.getMap(row);
            Map<Object, Object> result = new LinkedHashMap<>();
            for (int i = 0; i < map.size(); i++) {
                result.put(value(m.keyType(), map.keys(), i), value(m.valueType(), map.values(), i));
            }
            return result;
        } else if (type instanceof ColumnType.Struct s) {
            List<Object> fields = new ArrayList<>(s.fields().size());
            for (int f = 0; f < s.fields().size(); f++) {
                Column field = s.fields().get(f);
                fields.add(value(field.type(), values.field(f), row));
            }
            return fields;
        }
        switch (((ColumnType.Primitive) type).kind()) {
            case BOOLEAN: return values.getBoolean(row);
            case BYTE: return values.getByte(row);
            case SHORT: return values.getShort(row);
            case INT: return values.getInt(row);
            case LONG: return values.getLong(row);
            case FLOAT: return values.getFloat(row);
            case DOUBLE: return values.getDouble(row);
            case STRING: return values.getString(row);
            case VARIANT: return values.getString(row);
            case BINARY: return values.getBinary(row);
            case DATE: return LocalDate.ofEpochDay(values.getInt(row));
            case TIMESTAMP: return JavaValues.instant(values.getLong(row));
            case TIMESTAMP_NTZ: return JavaValues.localDateTime(values.getLong(row));
            default: throw new IllegalArgumentException("unknown type " + type);
        }
    }
}
