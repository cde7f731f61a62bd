package io.lakesync.server.incremental;

import io.lakesync.core.model.Column;
import io.lakesync.core.model.ColumnType;
import io.lakesync.testkit.delta.DeltaTableWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * A Delta table that a live writer (Delta Kernel) keeps appending to, big enough that applying a
 * few of its versions takes seconds. Kernel can only append, so updates are appended as newer rows
 * of existing keys: the table is synced with timeseries key {@code ts}, which makes the row with
 * the greatest {@code ts} of a key its current row. Everything written follows from the seed.
 */
final class GrowingTable {

    static final String KEY = "id";
    static final String TIMESERIES_KEY = "ts";

    private final DeltaTableWriter writer;
    private final Random random;
    private long nextId;
    private long newest;

    private GrowingTable(DeltaTableWriter writer, Random random) {
        this.writer = writer;
        this.random = random;
    }

    static GrowingTable create(Path dir, long seed) {
        DeltaTableWriter writer = DeltaTableWriter.create(dir, List.of(
                new Column(KEY, ColumnType.LONG, true),
                new Column(TIMESERIES_KEY, ColumnType.LONG, true),
                new Column("grp", ColumnType.INT, true),
                new Column("note", ColumnType.STRING, true),
                new Column("amount", ColumnType.DOUBLE, true)), List.of(), Map.of());
        return new GrowingTable(writer, new Random(seed));
    }

    String path() {
        return writer.dir().toString();
    }

    /** The newest version written. */
    long newest() {
        return newest;
    }

    /**
     * Appends one version: {@code newRows} rows of new keys and {@code updatedRows} newer rows of
     * existing keys (random ones, so a key can get two newer rows in one version: the greater
     * {@code ts} wins). Returns the version.
     */
    long append(int newRows, int updatedRows) {
        long version = newest + 1;
        List<Object[]> rows = new ArrayList<>(newRows + updatedRows);
        long ts = version * 10_000_000L;
        for (int i = 0; i < updatedRows && nextId > 0; i++) {
            long id = (long) (random.nextDouble() * nextId);
            rows.add(row(id, ts++, version));
        }
        for (int i = 0; i < newRows; i++) {
            rows.add(row(nextId++, ts++, version));
        }
        newest = writer.append(rows.iterator(), 20_000);
        if (newest != version) {
            throw new IllegalStateException("expected to write version " + version + ", wrote " + newest);
        }
        return newest;
    }

    private Object[] row(long id, long ts, long version) {
        return new Object[] {id, ts, random.nextInt(100), "v" + version + "-" + Long.toString(random.nextLong(), 36),
                random.nextDouble() * 1000};
    }
}
