package io.lakesync.bench;

import io.lakesync.core.model.ColumnType;
import io.lakesync.core.model.ColumnValues;
import io.lakesync.core.model.RowBatch;
import io.lakesync.core.model.TableSchema;

/**
 * Reads every value of a batch through the getter its type calls for, as a sink does, and keeps
 * nothing: what a pass costs beyond Kernel's decoding is the cost of the source's value access.
 */
final class ValueTouch {

    private long checksum;

    void touch(RowBatch batch, TableSchema schema) {
        for (int c = 0; c < schema.size(); c++) {
            ColumnType type = schema.get(c).type();
            ColumnValues values = batch.column(c);
            for (int row = 0; row < batch.rowCount(); row++) {
                if (batch.isLive(row) && !values.isNull(row)) {
                    checksum += read(type, values, row);
                }
            }
        }
    }

    /** A number derived from the value, so the JIT cannot drop the read. */
    long checksum() {
        return checksum;
    }

    private static long read(ColumnType type, ColumnValues values, int row) {
        if (type instanceof ColumnType.Decimal) {
            return values.getDecimal(row).scale();
        }
        switch (((ColumnType.Primitive) type).kind()) {
            case BOOLEAN: return values.getBoolean(row) ? 1 : 0;
            case INT: case DATE: return values.getInt(row);
            case LONG: case TIMESTAMP: case TIMESTAMP_NTZ: return values.getLong(row);
            case DOUBLE: return (long) values.getDouble(row);
            case STRING: return values.getString(row).length();
            default: throw new IllegalArgumentException("The benchmark table has no " + type + " columns");
        }
    }
}
