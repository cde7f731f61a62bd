package io.lakesync.bench;

import io.lakesync.core.model.Column;
import io.lakesync.core.model.ColumnType;
import java.util.List;

/**
 * The table every benchmark loads: ten columns of the types real tables carry most (a long key,
 * numbers, a decimal, a short and a longer string, a date, a timestamp, a boolean), so that the
 * figures reflect decoding and encoding work of a typical table rather than one easy type.
 */
final class BenchTableShape {

    static final String KEY = "id";

    static final List<Column> COLUMNS = List.of(
            new Column(KEY, ColumnType.LONG, false),
            new Column("quantity", ColumnType.INT, true),
            new Column("amount", ColumnType.LONG, true),
            new Column("score", ColumnType.DOUBLE, true),
            new Column("price", new ColumnType.Decimal(18, 4), true),
            new Column("code", ColumnType.STRING, true),
            new Column("description", ColumnType.STRING, true),
            new Column("created_on", ColumnType.DATE, true),
            new Column("updated_at", ColumnType.TIMESTAMP, true),
            new Column("active", ColumnType.BOOLEAN, true));

    private BenchTableShape() {
    }
}
