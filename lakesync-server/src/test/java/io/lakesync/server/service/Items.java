package io.lakesync.server.service;

import io.lakesync.core.model.Column;
import io.lakesync.core.model.ColumnType;
import io.lakesync.testkit.delta.DeltaTableWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A Delta table (written by Delta Kernel) whose rows follow from their key: {@code (id, 'name-' ||
 * id, id * 0.25)}. Versions append ranges of new keys, so what the table holds is the union of
 * those ranges, and the expected rows are a SELECT over generate_series that PostgreSQL compares
 * with the target by EXCEPT both ways. Thread-safe: a writer thread may append while a test reads.
 */
public final class Items {

    public static final String COLUMNS = "id, name, amount";

    private final DeltaTableWriter writer;
    private final List<long[]> ranges = new ArrayList<>();
    private long nextId;
    private long newest;

    private Items(DeltaTableWriter writer) {
        this.writer = writer;
    }

    /** Creates the table (version 0, empty). */
    public static Items create(Path dir) {
        return new Items(DeltaTableWriter.create(dir, List.of(
                new Column("id", ColumnType.LONG, false),
                new Column("name", ColumnType.STRING, true),
                new Column("amount", ColumnType.DOUBLE, true)), List.of(), Map.of()));
    }

    public String path() {
        return writer.dir().toString();
    }

    public synchronized long newest() {
        return newest;
    }

    public synchronized long rows() {
        return nextId;
    }

    /** Appends {@code count} rows of new keys as one version, {@code rowsPerFile} rows per data file. */
    public synchronized long append(long count, int rowsPerFile) {
        long from = nextId;
        long to = from + count;
        newest = writer.append(rows(from, to), rowsPerFile);
        nextId = to;
        ranges.add(new long[] {from, to});
        return newest;
    }

    public long append(long count) {
        return append(count, 1_000_000);
    }

    /**
     * Appends rows as they are given (a test's own, e.g. duplicate keys); they do not count as
     * expected rows.
     */
    public synchronized long appendRaw(List<Object[]> rows) {
        newest = writer.append(rows);
        return newest;
    }

    /** The row key {@code id} has in every version that holds it. */
    public static Object[] row(long id) {
        return new Object[] {id, "name-" + id, id * 0.25};
    }

    /** The rows of keys {@code from} (inclusive) to {@code to} (exclusive), as a SELECT of {@link #COLUMNS}. */
    public static String rowsSql(long from, long to) {
        return "SELECT g::bigint AS id, 'name-' || g AS name, g * 0.25::float8 AS amount FROM generate_series("
                + from + "::bigint, " + (to - 1) + "::bigint) g";
    }

    /** The expected rows of the versions appended with {@link #append} so far, as a SELECT of {@link #COLUMNS}. */
    public synchronized String expectedSql() {
        if (ranges.isEmpty()) {
            return "SELECT 0::bigint AS id, ''::text AS name, 0::float8 AS amount WHERE false";
        }
        return ranges.stream().map(r -> rowsSql(r[0], r[1])).collect(Collectors.joining(" UNION ALL "));
    }

    private static Iterator<Object[]> rows(long from, long to) {
        return new Iterator<>() {
            private long next = from;

            @Override
            public boolean hasNext() {
                return next < to;
            }

            @Override
            public Object[] next() {
                return row(next++);
            }
        };
    }
}
