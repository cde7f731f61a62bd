package io.lakesync.delta.internal;

import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.types.BinaryType;
import io.lakesync.core.model.ColumnType;
import io.lakesync.core.model.ColumnValues;

/** Picks the {@link ColumnValues} adapter for a Kernel vector of a given column type. */
final class ColumnAdapters {

    private ColumnAdapters() {
    }

    static ColumnValues adapt(ColumnType type, ColumnVector vector, ReadContext context) {
        if (type instanceof ColumnType.Decimal d) {
            return new DecimalValues(vector, d.scale());
        } else if (type instanceof ColumnType.Array a) {
            return new NestedValues.Arrays(vector, a, context);
        } else if (type instanceof ColumnType.MapType m) {
            return new NestedValues.Maps(vector, m, context);
        } else if (type instanceof ColumnType.Struct s) {
            return new NestedValues.Structs(vector, s, context);
        }
        ColumnType.Kind kind = ((ColumnType.Primitive) type).kind();
        if (kind == ColumnType.Kind.STRING) {
            // Strings from data files arrive as raw bytes (see PhysicalReadSchema); partition
            // values arrive as Kernel string vectors.
            return vector.getDataType() instanceof BinaryType ? new Utf8Values(vector, context)
                    : new KernelStringValues(vector);
        }
        if (kind == ColumnType.Kind.VARIANT) {
            return new VariantValues(vector, context);
        }
        return new VectorValues(vector);
    }
}
