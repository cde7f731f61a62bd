package io.lakesync.delta;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakesync.core.model.Column;
import io.lakesync.core.model.ColumnType;
import io.lakesync.core.model.RowBatch;
import io.lakesync.core.spi.CloseableIterator;
import io.lakesync.core.spi.SourceSnapshot;
import io.lakesync.testkit.delta.DeltaTableWriter;
import io.lakesync.testkit.delta.RowBatchValues;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The test Delta writer and the Delta source together: every type with its edge values goes in
 * through Kernel's create and append transactions and comes back exactly.
 */
class DeltaTableWriterTest {

    @TempDir
    Path tmp;

    private static final ColumnType.Struct INNER = new ColumnType.Struct(List.of(
            new Column("d", ColumnType.DATE, true)));
    private static final ColumnType.Struct STRUCT = new ColumnType.Struct(List.of(
            new Column("a", ColumnType.INT, true),
            new Column("b", ColumnType.STRING, true),
            new Column("c", INNER, true)));

    private static final List<Column> ALL_TYPES = List.of(
            new Column("id", ColumnType.INT, false),
            new Column("bool", ColumnType.BOOLEAN, true),
            new Column("i8", ColumnType.BYTE, true),
            new Column("i16", ColumnType.SHORT, true),
            new Column("i32", ColumnType.INT, true),
            new Column("i64", ColumnType.LONG, true),
            new Column("f32", ColumnType.FLOAT, true),
            new Column("f64", ColumnType.DOUBLE, true),
            new Column("dec", new ColumnType.Decimal(38, 18), true),
            new Column("money", new ColumnType.Decimal(5, 2), true),
            new Column("text", ColumnType.STRING, true),
            new Column("bytes", ColumnType.BINARY, true),
            new Column("day", ColumnType.DATE, true),
            new Column("ts", ColumnType.TIMESTAMP, true),
            new Column("local_ts", ColumnType.TIMESTAMP_NTZ, true),
            new Column("ints", new ColumnType.Array(ColumnType.INT, true), true),
            new Column("nested", new ColumnType.Array(new ColumnType.Array(ColumnType.STRING, true), true), true),
            new Column("tags", new ColumnType.MapType(ColumnType.STRING, ColumnType.LONG, true), true),
            new Column("deep", new ColumnType.MapType(ColumnType.INT,
                    new ColumnType.Array(STRUCT, true), true), true),
            new Column("record", STRUCT, true));

    private static Object[] row(Object... values) {
        return values;
    }

    private static Map<Object, Object> map(Object... keysAndValues) {
        Map<Object, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static List<Object> list(Object... values) {
        return Arrays.asList(values);
    }

    static List<Object[]> edgeRows() {
        List<Object[]> rows = new ArrayList<>();
        rows.add(row(1, true, Byte.MIN_VALUE, Short.MIN_VALUE, Integer.MIN_VALUE, Long.MIN_VALUE, Float.NaN, Double.NaN,
                new BigDecimal("99999999999999999999.999999999999999999"), new BigDecimal("-999.99"),
                "", new byte[0], LocalDate.of(1, 1, 1), Instant.parse("0001-01-01T00:00:00Z"),
                LocalDateTime.parse("0001-01-01T00:00:00"), list(), list(), map(), map(),
                list(null, null, null)));
        rows.add(row(2, false, Byte.MAX_VALUE, Short.MAX_VALUE, Integer.MAX_VALUE, Long.MAX_VALUE,
                Float.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                new BigDecimal("-99999999999999999999.999999999999999999"), new BigDecimal("999.99"),
                "日本語 😀 é ñ", new byte[] {0, (byte) 0xFF, 0x7F, (byte) 0x80}, LocalDate.of(1900, 1, 1),
                Instant.parse("1900-01-01T00:00:00.000001Z"), LocalDateTime.parse("1900-01-01T00:00:00.000001"),
                list(1, null, 3), list(list("a", null), null, list()), map("k", 1L, "null", null),
                map(7, list(list(1, "x", list(LocalDate.of(2024, 2, 29))), null)),
                list(5, "five", list(LocalDate.of(9999, 12, 31)))));
        rows.add(row(3, null, (byte) 0, (short) 0, 0, 0L, Float.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY,
                new BigDecimal("0.000000000000000001"), new BigDecimal("0.00"),
                "nul\u0000inside", new byte[] {0}, LocalDate.of(1969, 12, 31),
                Instant.parse("1969-12-31T23:59:59.999999Z"), LocalDateTime.parse("1969-12-31T23:59:59.999999"),
                list(Integer.MIN_VALUE), list(list("")), map("", 0L), map(-1, list()),
                new Object[] {null, "object array struct", null}));
        rows.add(row(4, true, (byte) -1, (short) -1, -1, -1L, -0.0f, Double.MIN_VALUE,
                new BigDecimal("1.5"), new BigDecimal("-0.01"),
                "x".repeat(100_000), "bytes".getBytes(), LocalDate.of(9999, 12, 31),
                Instant.parse("9999-12-31T23:59:59.999999Z"), LocalDateTime.parse("9999-12-31T23:59:59.999999"),
                null, null, null, null, null));
        rows.add(row(5, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null));
        rows.add(row(6, false, (byte) 1, (short) 1, 1, 1L, Float.MAX_VALUE, -Double.MAX_VALUE,
                new BigDecimal("-1E-18"), new BigDecimal("1"),
                "line\nbreak\ttab \"quotes\" \\ back", new byte[] {1, 2, 3}, LocalDate.of(1970, 1, 1),
                Instant.parse("1970-01-01T00:00:00Z"), LocalDateTime.parse("1970-01-01T00:00:00"),
                list(0), list(list("z")), map("\u00e9", -5L), map(0, list((Object) null)),
                list(null, null, null)));
        return rows;
    }

    /** The value a reader must return for a written value (decimals come back at the column's scale). */
    private static Object[] expected(Object[] written) {
        Object[] e = written.clone();
        if (e[8] != null) {
            e[8] = ((BigDecimal) e[8]).setScale(18);
        }
        if (e[9] != null) {
            e[9] = ((BigDecimal) e[9]).setScale(2);
        }
        if (e[19] instanceof Object[] array) {
            e[19] = Arrays.asList(array);
        }
        return e;
    }

    @Test
    void everyTypeAndEdgeValueRoundTripsExactly() {
        DeltaTableWriter writer = DeltaTableWriter.create(tmp.resolve("all"), ALL_TYPES, List.of(), Map.of());
        List<Object[]> rows = edgeRows();
        assertEquals(1, writer.append(rows));

        SourceSnapshot snapshot = DeltaTableSource.open(writer.dir().toString()).snapshot(OptionalLong.empty(), List.of());
        assertEquals(ALL_TYPES, snapshot.schema().columns());
        List<Object[]> read = TestTables.read(snapshot);

        assertEquals(Canonical.rows(rows.stream().map(DeltaTableWriterTest::expected).toList()), Canonical.rows(read));
        assertEquals(OptionalLong.of(rows.size()), snapshot.estimatedRowCount());
        // Exact checks that a text rendering could hide.
        Object[] first = read.stream().filter(r -> r[0].equals(1)).findFirst().orElseThrow();
        assertTrue(Float.isNaN((Float) first[6]));
        assertEquals(18, ((BigDecimal) first[8]).scale());
        assertEquals("", first[10]);
        assertArrayEquals(new byte[0], (byte[]) first[11]);
        Object[] fourth = read.stream().filter(r -> r[0].equals(4)).findFirst().orElseThrow();
        assertEquals(Float.floatToRawIntBits(-0.0f), Float.floatToRawIntBits((Float) fourth[6]));
        assertEquals(new BigDecimal("1.500000000000000000"), fourth[8]);
        Object[] third = read.stream().filter(r -> r[0].equals(3)).findFirst().orElseThrow();
        assertEquals("nul\u0000inside", third[10]);
    }

    @Test
    void partitionedTableRoundTripsWithNullAndSpecialPartitionValues() {
        List<Column> columns = List.of(new Column("id", ColumnType.LONG, false),
                new Column("region", ColumnType.STRING, true), new Column("day", ColumnType.DATE, true),
                new Column("amount", new ColumnType.Decimal(12, 2), true));
        DeltaTableWriter writer = DeltaTableWriter.create(tmp.resolve("parts"), columns, List.of("region", "day"),
                Map.of());
        LocalDate day = LocalDate.of(2024, 1, 1);
        List<Object[]> rows = List.of(row(1L, "eu", day, new BigDecimal("1.25")), row(2L, "eu", day, null),
                row(3L, "a/b c%=x", day.plusDays(1), new BigDecimal("-3.00")), row(4L, null, null, new BigDecimal("4.00")),
                row(5L, "", day, new BigDecimal("5.00")), row(6L, "eu", day, new BigDecimal("6.00")));
        writer.append(rows);

        List<Object[]> read = TestTables.read(writer.dir(), OptionalLong.empty(), List.of());
        List<Object[]> expected = rows.stream().map(r -> {
            Object[] e = r.clone();
            // Delta stores an empty string partition value as null (Spark does the same).
            if ("".equals(e[1])) {
                e[1] = null;
            }
            return e;
        }).toList();
        assertEquals(Canonical.rows(expected), Canonical.rows(read));
        List<Object[]> projected = TestTables.read(writer.dir(), OptionalLong.empty(), List.of("day", "id"));
        assertEquals(6, projected.size());
    }

    @Test
    void appendsAreVersionsAndLargeAppendsSplitIntoFiles() throws IOException {
        List<Column> columns = List.of(new Column("id", ColumnType.LONG, false), new Column("name", ColumnType.STRING, true));
        DeltaTableWriter writer = DeltaTableWriter.create(tmp.resolve("files"), columns, List.of(),
                Map.of("delta.enableChangeDataFeed", "true"));
        Iterator<Object[]> generated = IntStream.range(0, 3_500).mapToObj(i -> row((long) i, "n" + i)).iterator();
        Instant before = Instant.now().minusSeconds(2);
        assertEquals(1, writer.append(generated, 1_000));
        Instant after = Instant.now().plusSeconds(2);
        assertEquals(2, writer.append(List.<Object[]>of(row(3_500L, "last"))));

        String commit = Files.readString(writer.dir().resolve("_delta_log/00000000000000000001.json"));
        assertEquals(4, commit.split("\"add\"", -1).length - 1, "3,500 rows at 1,000 per file make 4 files");
        assertTrue(Files.readString(writer.dir().resolve("_delta_log/00000000000000000000.json"))
                .contains("\"delta.enableChangeDataFeed\":\"true\""));

        DeltaTableSource source = DeltaTableSource.open(writer.dir().toString());
        SourceSnapshot v1 = source.snapshot(OptionalLong.of(1), List.of());
        assertEquals(3_500, TestTables.read(v1).size());
        Instant committed = v1.version().commitTimestamp();
        assertTrue(!committed.isBefore(before) && !committed.isAfter(after), committed.toString());
        assertEquals(3_501, TestTables.read(source.snapshot(OptionalLong.empty(), List.of())).size());
        assertEquals(0, TestTables.read(source.snapshot(OptionalLong.of(0), List.of())).size());
    }

    @Test
    void batchesStayValidAfterTheIteratorMovesOn() {
        DeltaTableWriter writer = DeltaTableWriter.create(tmp.resolve("valid"), ALL_TYPES, List.of(), Map.of());
        List<Object[]> rows = new ArrayList<>();
        for (int i = 0; i < 3_000; i++) {
            Object[] r = edgeRows().get(i % 6).clone();
            r[0] = i;
            rows.add(r);
        }
        writer.append(rows.iterator(), 1_000);
        SourceSnapshot snapshot = DeltaTableSource.open(writer.dir().toString()).snapshot(OptionalLong.empty(), List.of());

        List<RowBatch> held = new ArrayList<>();
        try (CloseableIterator<RowBatch> batches = snapshot.batches()) {
            batches.forEachRemaining(held::add);
        }
        assertTrue(held.size() >= 3, "one batch per file at least");
        List<Object[]> readLater = RowBatchValues.rows(snapshot.schema(), held.iterator());

        assertEquals(Canonical.rows(TestTables.read(snapshot)), Canonical.rows(readLater));
        assertEquals(3_000, readLater.size());
    }

    @Test
    void batchesWithDeletionVectorsStayValidToo() {
        SourceSnapshot snapshot = DeltaTableSource.open(TestTables.golden("dv-with-columnmapping").toString())
                .snapshot(OptionalLong.empty(), List.of());
        List<RowBatch> held = new ArrayList<>();
        try (CloseableIterator<RowBatch> batches = snapshot.batches()) {
            batches.forEachRemaining(held::add);
        }
        assertEquals(Canonical.rows(TestTables.read(snapshot)),
                Canonical.rows(RowBatchValues.rows(snapshot.schema(), held.iterator())));
    }
}
