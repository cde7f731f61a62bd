package io.lakesync.postgres.internal.copy;

import io.lakesync.core.error.ErrorCode;
import io.lakesync.core.error.LakesyncException;
import io.lakesync.core.model.Column;
import io.lakesync.core.model.ColumnValues;
import io.lakesync.core.model.RowBatch;
import io.lakesync.core.model.TableSchema;
import io.lakesync.core.spi.TextPolicy;
import java.util.List;

/**
 * Encodes the live rows of source batches as a PostgreSQL binary COPY stream, straight from the
 * batches' column values into one reused buffer. Rows with a null in a key column cannot be
 * stored under a primary key: they are skipped and counted. A {@link RowSuffix} can append fields
 * of its own to every row (a staged change's version and kind), and {@link #writeKeysOnly} encodes
 * only the key of each row (a delete needs nothing else).
 */
public final class BinaryCopyWriter {

    private static final byte[] HEADER = {
        'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0, // signature
        0, 0, 0, 0, // flags: no OIDs
        0, 0, 0, 0, // no header extension
    };

    private final List<Column> columns;
    private final ValueEncoder[] encoders;
    private final int[] keyOrdinals;
    private final TextEncoder text;
    private final CopyBuffer out;
    private final RowSuffix suffix;
    private final int fieldCount;
    private final boolean[] isKey;
    private final ColumnValues[] current;
    private long rowsWritten;
    private long rowsSkipped;

    public BinaryCopyWriter(TableSchema schema, List<String> keyColumns, TextPolicy policy, CopyBuffer out) {
        this(schema, keyColumns, policy, out, RowSuffix.NONE);
    }

    public BinaryCopyWriter(TableSchema schema, List<String> keyColumns, TextPolicy policy, CopyBuffer out,
            RowSuffix suffix) {
        this.columns = schema.columns();
        this.text = new TextEncoder(policy);
        this.out = out;
        this.suffix = suffix;
        this.fieldCount = columns.size() + suffix.fieldCount();
        this.encoders = new ValueEncoder[columns.size()];
        for (int c = 0; c < encoders.length; c++) {
            encoders[c] = ValueEncoders.forType(columns.get(c).type(), text);
        }
        this.keyOrdinals = keyColumns.stream().mapToInt(schema::indexOf).toArray();
        this.isKey = new boolean[columns.size()];
        for (int k : keyOrdinals) {
            isKey[k] = true;
        }
        this.current = new ColumnValues[columns.size()];
    }

    /** The COPY header; call once before the first batch. */
    public void start() {
        out.write(HEADER, 0, HEADER.length);
    }

    /** Writes the live rows whole; rows with a null key are skipped and counted. */
    public void write(RowBatch batch) {
        bind(batch);
        int rows = batch.rowCount();
        for (int row = 0; row < rows; row++) {
            if (!batch.isLive(row)) {
                continue;
            }
            if (hasNullKey(row)) {
                rowsSkipped++;
                continue;
            }
            writeRow(row);
            rowsWritten++;
        }
    }

    /**
     * Writes the key of each live row and null for every other column. Rows with a null key are
     * left out without being counted: no such row was ever stored, so there is nothing they could
     * refer to.
     */
    public void writeKeysOnly(RowBatch batch) {
        bind(batch);
        int rows = batch.rowCount();
        for (int row = 0; row < rows; row++) {
            if (!batch.isLive(row) || hasNullKey(row)) {
                continue;
            }
            writeKeyRow(row);
            rowsWritten++;
        }
    }

    private void bind(RowBatch batch) {
        for (int c = 0; c < current.length; c++) {
            current[c] = batch.column(c);
        }
    }

    /** The COPY trailer, and everything still buffered goes out. */
    public void finish() {
        out.ensure(2);
        out.putShort(-1);
        out.flush();
    }

    public long rowsWritten() {
        return rowsWritten;
    }

    public long rowsSkipped() {
        return rowsSkipped;
    }

    public long textValuesReplaced() {
        return text.valuesReplaced();
    }

    private boolean hasNullKey(int row) {
        for (int k : keyOrdinals) {
            if (current[k].isNull(row)) {
                return true;
            }
        }
        return false;
    }

    private void writeRow(int row) {
        out.ensure(2);
        out.putShort(fieldCount);
        int c = 0;
        try {
            for (; c < encoders.length; c++) {
                ColumnValues values = current[c];
                if (values.isNull(row)) {
                    out.ensure(4);
                    out.putInt(-1);
                } else {
                    encoders[c].encode(values, row, out);
                }
            }
        } catch (InvalidTextException e) {
            throw invalidText(columns.get(c).name(), row);
        }
        suffix.write(out);
    }

    private void writeKeyRow(int row) {
        out.ensure(2);
        out.putShort(fieldCount);
        int c = 0;
        try {
            for (; c < encoders.length; c++) {
                if (isKey[c]) {
                    encoders[c].encode(current[c], row, out);
                } else {
                    out.ensure(4);
                    out.putInt(-1);
                }
            }
        } catch (InvalidTextException e) {
            throw invalidText(columns.get(c).name(), row);
        }
        suffix.write(out);
    }

    private LakesyncException invalidText(String column, int row) {
        return new LakesyncException(ErrorCode.INVALID_TEXT_VALUE, "Column \"" + column + "\" of the row with key "
                + key(row) + " holds a string with a NUL byte (U+0000), which PostgreSQL text and jsonb cannot"
                + " store. The target table is unchanged. Fix: remove the NUL bytes in the source, or sync with"
                + " --replace-nul to store U+FFFD in their place.");
    }

    private String key(int row) {
        StringBuilder key = new StringBuilder();
        for (int k : keyOrdinals) {
            if (key.length() > 0) {
                key.append(", ");
            }
            key.append(columns.get(k).name()).append('=');
            KeyText.append(columns.get(k).type(), current[k], row, key);
        }
        return key.toString();
    }
}
