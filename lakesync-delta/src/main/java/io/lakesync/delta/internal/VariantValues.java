package io.lakesync.delta.internal;

import io.delta.kernel.data.ColumnVector;
import io.lakesync.core.error.ErrorCode;
import io.lakesync.core.error.LakesyncException;
import io.lakesync.core.model.ColumnValues;

/**
 * VARIANT values, read as their physical struct (value, metadata: see {@link PhysicalReadSchema})
 * and rendered as JSON text.
 */
final class VariantValues implements ColumnValues {

    private final ColumnVector struct;
    private final ColumnVector value;
    private final ColumnVector metadata;
    private final ReadContext context;

    VariantValues(ColumnVector struct, ReadContext context) {
        this.struct = struct;
        this.value = struct.getChild(PhysicalReadSchema.VARIANT_VALUE_ORDINAL);
        this.metadata = struct.getChild(PhysicalReadSchema.VARIANT_METADATA_ORDINAL);
        this.context = context;
    }

    @Override
    public boolean isNull(int row) {
        return struct.isNullAt(row);
    }

    @Override
    public String getString(int row) {
        try {
            return VariantJson.toJson(value.getBinary(row), metadata.getBinary(row));
        } catch (IllegalArgumentException e) {
            throw new LakesyncException(ErrorCode.SOURCE_UNREADABLE, "A variant value in column " + context.column()
                    + " of data file " + context.dataFile() + " cannot be decoded: " + e.getMessage()
                    + ". The file is damaged or was written by an incompatible writer; rewrite it with Spark.", e);
        }
    }
}
