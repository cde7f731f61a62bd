package io.lakesync.testkit.delta;

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
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampNTZType;
import io.delta.kernel.types.TimestampType;
import io.delta.kernel.types.VariantType;
import io.lakesync.core.model.Column;
import io.lakesync.core.model.ColumnType;
import java.util.List;

/** lakesync column types as Delta Kernel types, for writing test tables. */
final class KernelSchemas {

    private KernelSchemas() {
    }

    static StructType struct(List<Column> columns) {
        StructType struct = new StructType();
        for (Column c : columns) {
            struct = struct.add(c.name(), type(c.type()), c.nullable());
        }
        return struct;
    }

    static DataType type(ColumnType type) {
        if (type instanceof ColumnType.Decimal d) {
            return new DecimalType(d.precision(), d.scale());
        } else if (type instanceof ColumnType.Array a) {
            return new ArrayType(type(a.elementType()), a.containsNull());
        } else if (type instanceof ColumnType.MapType m) {
            return new MapType(type(m.keyType()), type(m.valueType()), m.valueContainsNull());
        } else if (type instanceof ColumnType.Struct s) {
            return struct(s.fields());
        }
        switch (((ColumnType.Primitive) type).kind()) {
            case BOOLEAN: return BooleanType.BOOLEAN;
            case BYTE: return ByteType.BYTE;
            case SHORT: return ShortType.SHORT;
            case INT: return IntegerType.INTEGER;
            case LONG: return LongType.LONG;
            case FLOAT: return FloatType.FLOAT;
            case DOUBLE: return DoubleType.DOUBLE;
            case STRING: return StringType.STRING;
            case BINARY: return BinaryType.BINARY;
            case DATE: return DateType.DATE;
            case TIMESTAMP: return TimestampType.TIMESTAMP;
            case TIMESTAMP_NTZ: return TimestampNTZType.TIMESTAMP_NTZ;
            case VARIANT: return VariantType.VARIANT;
            default: throw new IllegalArgumentException("unknown type " + type);
        }
    }
}
