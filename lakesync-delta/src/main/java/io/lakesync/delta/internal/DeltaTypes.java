package io.lakesync.delta.internal;

import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.BinaryType;
import io.delta.kernel.types.BooleanType;
import io.delta.kernel.types.ByteType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DateType;
import io.delta.kernel.types.DecimalType;
import io.delta.kernel.types.DoubleType;
import io.delta.kernel.types.FloatType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.MapType;
import io.delta.kernel.types.ShortType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampNTZType;
import io.delta.kernel.types.TimestampType;
import io.delta.kernel.types.VariantType;
import io.lakesync.core.error.ErrorCode;
import io.lakesync.core.error.LakesyncException;
import io.lakesync.core.model.Column;
import io.lakesync.core.model.ColumnType;
import java.util.ArrayList;
import java.util.List;

/** Maps Delta (Kernel) types onto lakesync column types (DESIGN §3). */
public final class DeltaTypes {

    private DeltaTypes() {
    }

    public static List<Column> toColumns(StructType struct) {
        List<Column> columns = new ArrayList<>(struct.length());
        for (StructField field : struct.fields()) {
            columns.add(new Column(field.getName(), toColumnType(field.getDataType(), field.getName()),
                    field.isNullable()));
        }
        return columns;
    }

    public static ColumnType toColumnType(DataType type, String where) {
        if (type instanceof BooleanType) {
            return ColumnType.BOOLEAN;
        } else if (type instanceof ByteType) {
            return ColumnType.BYTE;
        } else if (type instanceof ShortType) {
            return ColumnType.SHORT;
        } else if (type instanceof IntegerType) {
            return ColumnType.INT;
        } else if (type instanceof LongType) {
            return ColumnType.LONG;
        } else if (type instanceof FloatType) {
            return ColumnType.FLOAT;
        } else if (type instanceof DoubleType) {
            return ColumnType.DOUBLE;
        } else if (type instanceof DecimalType d) {
            return new ColumnType.Decimal(d.getPrecision(), d.getScale());
        } else if (type instanceof StringType) {
            return ColumnType.STRING; // collated strings too: the value is the same text
        } else if (type instanceof BinaryType) {
            return ColumnType.BINARY;
        } else if (type instanceof DateType) {
            return ColumnType.DATE;
        } else if (type instanceof TimestampType) {
            return ColumnType.TIMESTAMP;
        } else if (type instanceof TimestampNTZType) {
            return ColumnType.TIMESTAMP_NTZ;
        } else if (type instanceof VariantType) {
            return ColumnType.VARIANT;
        } else if (type instanceof ArrayType a) {
            return new ColumnType.Array(toColumnType(a.getElementType(), where + "[]"), a.containsNull());
        } else if (type instanceof MapType m) {
            return new ColumnType.MapType(toColumnType(m.getKeyType(), where + ".key"),
                    toColumnType(m.getValueType(), where + ".value"), m.isValueContainsNull());
        } else if (type instanceof StructType s) {
            return new ColumnType.Struct(toColumns(s));
        }
        throw new LakesyncException(ErrorCode.UNSUPPORTED_DELTA_FEATURE, "Column " + where + " has the Delta type "
                + type + ", which lakesync cannot sync yet. Leave the column out with --columns.");
    }
}
