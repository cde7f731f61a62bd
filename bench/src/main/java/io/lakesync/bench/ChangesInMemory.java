package io.lakesync.bench;

import io.lakesync.core.model.Column;
import io.lakesync.core.model.RowBatch;
import io.lakesync.core.model.TableSchema;
import io.lakesync.core.spi.CloseableIterator;
import io.lakesync.core.spi.TableSource;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.LongStream;

/**
 * The exact row changes of {@link IncrementalChange}, pre-materialised for the raw limit: the
 * upserted rows (read from the changed version, so they are the very values lakesync applies) held
 * column by column, and the deleted keys. Only the changed rows: the raw limit knows the change,
 * lakesync has to find it in the Delta log.
 */
final class ChangesInMemory {

    private final TableSchema schema;
    private final List<RawColumn> columns;
    private final int upserts;
    private final long[] deletedKeys;

    private ChangesInMemory(TableSchema schema, List<RawColumn> columns, int upserts, long[] deletedKeys) {
        this.schema = schema;
        this.columns = columns;
        this.upserts = upserts;
        this.deletedKeys = deletedKeys;
    }

    static ChangesInMemory read(TableSource source, long version) {
        TableSchema schema;
        List<RawColumn> columns = new ArrayList<>();
        int rows = 0;
        var snapshot = source.snapshot(OptionalLong.of(version), List.of());
        schema = snapshot.schema();
        for (Column c : schema.columns()) {
            columns.add(RawColumn.of(c.type()));
        }
        try (CloseableIterator<RowBatch> batches = snapshot.batches()) {
            while (batches.hasNext()) {
                RowBatch batch = batches.next();
                for (int row = 0; row < batch.rowCount(); row++) {
                    if (batch.isLive(row) && IncrementalChange.isUpserted(batch.column(0).getLong(row))) {
                        for (int c = 0; c < columns.size(); c++) {
                            columns.get(c).add(batch.column(c), row);
                        }
                        rows++;
                    }
                }
            }
        }
        long[] deleted = LongStream.range(IncrementalChange.DELETED_FROM, IncrementalChange.DELETED_TO).toArray();
        return new ChangesInMemory(schema, List.copyOf(columns), rows, deleted);
    }

    TableSchema schema() {
        return schema;
    }

    String sqlType(int ordinal) {
        return columns.get(ordinal).sqlType();
    }

    int upserts() {
        return upserts;
    }

    long[] deletedKeys() {
        return deletedKeys;
    }

    /** Writes the binary COPY stream of the upserted rows: header, rows, trailer. */
    void encodeUpserts(CopyBuffer out) {
        out.header();
        int width = columns.size();
        RawColumn[] cols = columns.toArray(new RawColumn[0]);
        for (int row = 0; row < upserts; row++) {
            out.writeShort(width);
            for (RawColumn column : cols) {
                column.encode(row, out);
            }
        }
        out.trailer();
        out.flush();
    }
}
