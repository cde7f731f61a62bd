package io.lakesync.postgres.internal.copy;

/**
 * Fields a {@link BinaryCopyWriter} appends to every row after the source columns, such as the
 * version, kind and arrival number of a staged change. Implementations write complete binary COPY
 * fields (length, then bytes) and reserve room with {@link CopyBuffer#ensure} themselves.
 */
public interface RowSuffix {

    /** Fields written per row; constant for the life of the writer. */
    int fieldCount();

    /** Writes the fields of the row being encoded. */
    void write(CopyBuffer out);

    /** No fields: plain source rows. */
    RowSuffix NONE = new RowSuffix() {
        @Override
        public int fieldCount() {
            return 0;
        }

        @Override
        public void write(CopyBuffer out) {
        }
    };
}
