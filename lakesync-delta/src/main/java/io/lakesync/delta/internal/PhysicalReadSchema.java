package io.lakesync.delta.internal;

import io.delta.kernel.types.ArrayType;
import io.delta.kernel.types.BinaryType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.MapType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructField;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.VariantType;
import java.util.ArrayList;
import java.util.List;

/**
 * The schema lakesync asks the Parquet reader for, derived from Kernel's physical read schema:
 * <ul>
 *   <li>strings as binary, so that values are decoded once, with the JDK's fast UTF-8 path, and
 *       invalid UTF-8 is detected instead of silently replaced;</li>
 *   <li>variants as their physical struct {@code (value binary, metadata binary)}, which Kernel's
 *       reader does not decode itself.</li>
 * </ul>
 * Names, nullability and field metadata (column-mapping ids) stay as they are, so the reader
 * matches the same Parquet columns. The batches read this way are then labelled with Kernel's own
 * physical schema again before {@code Scan.transformPhysicalData}; the adapters look at each
 * vector's actual type.
 */
final class PhysicalReadSchema {

    static final int VARIANT_VALUE_ORDINAL = 0;
    static final int VARIANT_METADATA_ORDINAL = 1;

    private static final StructType VARIANT_PHYSICAL = new StructType()
            .add("value", BinaryType.BINARY, false)
            .add("metadata", BinaryType.BINARY, false);

    private PhysicalReadSchema() {
    }

    static StructType of(StructType kernelPhysical) {
        return rewriteStruct(kernelPhysical);
    }

    private static StructType rewriteStruct(StructType struct) {
        List<StructField> fields = new ArrayList<>(struct.length());
        boolean changed = false;
        for (StructField field : struct.fields()) {
            DataType rewritten = rewrite(field.getDataType());
            changed |= rewritten != field.getDataType();
            fields.add(rewritten == field.getDataType() ? field : field.withDataType(rewritten));
        }
        return changed ? new StructType(fields) : struct;
    }

    private static DataType rewrite(DataType type) {
        if (type instanceof StringType) {
            return BinaryType.BINARY;
        } else if (type instanceof VariantType) {
            return VARIANT_PHYSICAL;
        } else if (type instanceof StructType s) {
            return rewriteStruct(s);
        } else if (type instanceof ArrayType a) {
            DataType element = rewrite(a.getElementType());
            return element == a.getElementType() ? a : new ArrayType(a.getElementField().withDataType(element));
        } else if (type instanceof MapType m) {
            DataType key = rewrite(m.getKeyType());
            DataType value = rewrite(m.getValueType());
            if (key == m.getKeyType() && value == m.getValueType()) {
                return m;
            }
            return new MapType(m.getKeyField().withDataType(key), m.getValueField().withDataType(value));
        }
        return type;
    }
}
