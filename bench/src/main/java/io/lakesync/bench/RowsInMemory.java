package io.lakesync.bench;

import io.lakesync.core.model.Column;
import io.lakesync.core.model.RowBatch;
import io.lakesync.core.model.TableSchema;
import io.lakesync.core.spi.CloseableIterator;
import io.lakesync.core.spi.SourceSnapshot;
import io.lakesync.core.spi.TableSource;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * The live rows of a source table held in memory, column by column, so that the raw limit times
 * nothing but encoding and loading the very rows lakesync loads.
 */
final class RowsInMemory {

    private final TableSchema schema;
    private final List<RawColumn> columns;
    private final int rowCount;

    private RowsInMemory(TableSchema schema, List<RawColumn> columns, int rowCount) {
        this.schema = schema;
        this.columns = columns;
        this.rowCount = rowCount;
    }

    /** Reads every live row of the newest version of {@code source}. */
    static RowsInMemory read(TableSource source) {
        SourceSnapshot snapshot = source.snapshot(OptionalLong.empty(), List.of());
        TableSchema schema = snapshot.schema();
        List<RawColumn> columns = new ArrayList<>();
        for (Column c : schema.columns()) {
            RawColumn column = RawColumn.of(c.type());
            snapshot.estimatedRowCount().ifPresent(rows -> column.reserve((int) Math.min(rows, Integer.MAX_VALUE - 8)));
            columns.add(column);
        }
        int rows = 0;
        try (CloseableIterator<RowBatch> batches = snapshot.batches()) {
            while (batches.hasNext()) {
                RowBatch batch = batches.next();
                for (int row = 0; row < batch.rowCount(); row++) {
                    if (!batch.isLive(row)) {
                        continue;
                    }
                    for (int c = 0; c < columns.size(); c++) {
                        columns.get(c).add(batch.column(c), row);
                    }
                    rows++;
                }
            }
        }
        return new RowsInMemory(schema, List.copyOf(columns), rows);
    }

    TableSchema schema() {
        return schema;
    }

    /** The PostgreSQL type of column {@code ordinal}. */
    String sqlType(int ordinal) {
        return columns.get(ordinal).sqlType();
    }

    int rowCount() {
        return rowCount;
    }

    /** Writes the whole binary COPY stream: header, every row, trailer. */
    void encodeAll(CopyBuffer out) {
        out.header();
        int width = columns.size();
        RawColumn[] cols = columns.toArray(new RawColumn[0]);
        for (int row = 0; row < rowCount; row++) {
            out.writeShort(width);
            for (RawColumn column : cols) {
                column.encode(row, out);
            }
        }
        out.trailer();
        out.flush();
    }
}
