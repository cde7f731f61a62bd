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
 * stored under a primary key: they are skipped and counted.
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
    private final ColumnValues[] current;
    private long rowsWritten;
    private long rowsSkipped;

    public BinaryCopyWriter(TableSchema schema, List<String> keyColumns, TextPolicy policy, CopyBuffer out) {
        this.columns = schema.columns();
        this.text = new TextEncoder(policy);
        this.out = out;
        this.encoders = new ValueEncoder[columns.size()];
        for (int c = 0; c < encoders.length; c++) {
            encoders[c] = ValueEncoders.forType(columns.get(c).type(), text);
        }
        this.keyOrdinals = keyColumns.stream().mapToInt(schema::indexOf).toArray();
        this.current = new ColumnValues[columns.size()];
    }

    /** The COPY header; call once before the first batch. */
    public void start() {
        out.write(HEADER, 0, HEADER.length);
    }

    public void write(RowBatch batch) {
        for (int c = 0; c < current.length; c++) {
            current[c] = batch.column(c);
        }
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
        out.putShort(encoders.length);
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
