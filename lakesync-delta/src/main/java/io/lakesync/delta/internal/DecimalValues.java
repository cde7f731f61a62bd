package io.lakesync.delta.internal;

import io.delta.kernel.data.ColumnVector;
import io.lakesync.core.model.ColumnValues;
import java.math.BigDecimal;

/** Decimals, always at the column type's scale (a widened column may hold files of a smaller scale). */
final class DecimalValues implements ColumnValues {

    private final ColumnVector vector;
    private final int scale;

    DecimalValues(ColumnVector vector, int scale) {
        this.vector = vector;
        this.scale = scale;
    }

    @Override
    public boolean isNull(int row) {
        return vector.isNullAt(row);
    }

    @Override
    public BigDecimal getDecimal(int row) {
        BigDecimal d = vector.getDecimal(row);
        // Raising the scale is exact; Kernel already rejects values that would lose digits.
        return d.scale() == scale ? d : d.setScale(scale);
    }
}
