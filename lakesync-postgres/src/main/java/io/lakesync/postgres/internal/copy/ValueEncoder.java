package io.lakesync.postgres.internal.copy;

import io.lakesync.core.model.ColumnValues;

/** Writes one non-null value as a binary COPY field (length + bytes). One instance per column. */
interface ValueEncoder {
    void encode(ColumnValues values, int row, CopyBuffer out);
}
