package io.lakesync.delta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakesync.core.model.ColumnType;
import io.lakesync.core.model.TableSchema;
import io.lakesync.core.spi.SourceSnapshot;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

/** Reader features on the golden tables, with values derived from how each table was written. */
class GoldenFeaturesTest {

    private static DeltaTableSource golden(String name) {
        return DeltaTableSource.open(TestTables.golden(name).toString());
    }

    private static List<Object[]> rows(String table, long version) {
        return TestTables.read(golden(table).snapshot(OptionalLong.of(version), List.of()));
    }

    private static List<Object[]> ids(long fromInclusive, long toExclusive) {
        return LongStream.range(fromInclusive, toExclusive).mapToObj(id -> new Object[] {id}).toList();
    }

    @Test
    void timeTravelReadsEachVersion() {
        String table = "time-travel-start-start20-start40";
        assertEquals(2, golden(table).latestVersion().version());
        assertEquals(Canonical.rows(ids(0, 10)), Canonical.rows(rows(table, 0)));
        assertEquals(Canonical.rows(ids(0, 20)), Canonical.rows(rows(table, 1)));
        assertEquals(Canonical.rows(ids(0, 30)), Canonical.rows(rows(table, 2)));
    }

    @Test
    void timeTravelAcrossSchemaChangesUsesTheSchemaOfTheVersion() {
        DeltaTableSource source = golden("time-travel-schema-changes-b");
        assertEquals(List.of("id"), source.snapshot(OptionalLong.of(0), List.of()).schema().names());
        SourceSnapshot v1 = source.snapshot(OptionalLong.of(1), List.of());
        assertEquals(List.of("id", "part"), v1.schema().names());
        List<Object[]> expected = new ArrayList<>();
        LongStream.range(0, 10).forEach(id -> expected.add(new Object[] {id, null}));
        LongStream.range(10, 20).forEach(id -> expected.add(new Object[] {id, id}));
        assertEquals(Canonical.rows(expected), Canonical.rows(TestTables.read(v1)));
    }

    @Test
    void checkpointsClassicV2WithSidecarsAndCheckpointOnlyLogs() {
        // Classic checkpoint at version 10, then commits 11..13 on top of it.
        List<Object[]> expected = new ArrayList<>();
        for (long id = 0; id < 66; id++) {
            boolean deleted = (id >= 5 && id < 10) || (id >= 15 && id < 20) || (id >= 25 && id < 30)
                    || (id >= 35 && id < 40) || (id >= 45 && id < 50);
            if (!deleted) {
                expected.add(new Object[] {id});
            }
        }
        assertEquals(Canonical.rows(expected), Canonical.rows(rows("basic-with-inserts-deletes-checkpoint", 13)));
        // V2 checkpoint (parquet) with two sidecar files.
        assertEquals(Canonical.rows(ids(0, 10)), Canonical.rows(rows("v2-checkpoint-parquet", 2)));
        // Log with checkpoints only (no commit JSON for versions 1 and 2).
        List<Object[]> checkpointOnly = new ArrayList<>(ids(0, 20));
        checkpointOnly.addAll(ids(5, 10));
        assertEquals(Canonical.rows(checkpointOnly), Canonical.rows(rows("only-checkpoint-files", 2)));
    }

    @Test
    void deletionVectorsWithColumnMappingHideTheDeletedRowsAtEveryVersion() {
        String table = "dv-with-columnmapping";
        SourceSnapshot first = golden(table).snapshot(OptionalLong.of(0), List.of());
        assertEquals(List.of("part", "col1", "col2"), first.schema().names());
        List<Object[]> all = TestTables.read(first);
        assertEquals(50, all.size());
        // Version v (1..15) ran DELETE WHERE col1 = 2 * (v - 1).
        for (long v = 0; v <= 15; v++) {
            long lastDeleted = 2 * (v - 1);
            Predicate<Object[]> kept = row -> {
                int col1 = (Integer) row[1];
                return col1 % 2 != 0 || col1 > lastDeleted;
            };
            SourceSnapshot snapshot = golden(table).snapshot(OptionalLong.of(v), List.of());
            List<Object[]> expected = all.stream().filter(kept).toList();
            assertEquals(Canonical.rows(expected), Canonical.rows(TestTables.read(snapshot)), "version " + v);
            assertEquals(OptionalLong.of(expected.size()), snapshot.estimatedRowCount(), "version " + v);
        }
    }

    @Test
    void deletionVectorsReplayedAcrossCommits() {
        String table = "log-replay-dv-key-cases";
        Set<Long> deleted = new java.util.HashSet<>();
        long[] deletedAt = {-1, 0, 7, 14};
        for (int v = 0; v <= 3; v++) {
            if (deletedAt[v] >= 0) {
                deleted.add(deletedAt[v]);
            }
            List<Object[]> expected = LongStream.range(0, 50).filter(id -> !deleted.contains(id))
                    .mapToObj(id -> new Object[] {id}).toList();
            assertEquals(Canonical.rows(expected), Canonical.rows(rows(table, v)), "version " + v);
        }
    }

    @Test
    void columnMappingByIdAndByNameReadTheSameLogicalRows() {
        List<Object[]> byId = rows("data-reader-timestamp_ntz-id-mode", 1);
        List<Object[]> byName = rows("data-reader-timestamp_ntz-name-mode", 1);
        assertEquals(Canonical.rows(byId), Canonical.rows(byName));

        LocalDateTime a = LocalDateTime.parse("2021-11-18T02:30:00.123456");
        LocalDateTime b = LocalDateTime.parse("2013-07-05T17:01:00.123456");
        LocalDateTime[] values = {a, b, null};
        List<Object[]> expected = new ArrayList<>();
        for (int i = 0; i < 9; i++) {
            expected.add(new Object[] {i, values[i % 3], values[i / 3]});
        }
        assertEquals(Canonical.rows(expected), Canonical.rows(byId));
        TableSchema schema = golden("data-reader-timestamp_ntz-id-mode").snapshot(OptionalLong.empty(), List.of()).schema();
        assertEquals(ColumnType.TIMESTAMP_NTZ, schema.get(1).type());
        assertEquals(ColumnType.TIMESTAMP_NTZ, schema.get(2).type());
    }

    @Test
    void columnMappingIdReadsAllTypesUnderLogicalNames() {
        SourceSnapshot snapshot = golden("table-with-columnmapping-mode-id").snapshot(OptionalLong.empty(), List.of());
        assertEquals("ByteType", snapshot.schema().get(0).name());
        Object[] first = TestTables.read(snapshot).stream().filter(r -> Byte.valueOf((byte) 1).equals(r[0]))
                .findFirst().orElseThrow();
        assertEquals(Arrays.asList((byte) 1, (short) 1, 1, 1L, 1.0f, 1.0d, new BigDecimal("1.00"), false, "1"),
                Arrays.asList(first).subList(0, 9));
        assertEquals("[\"1\", [Integer:1]]", Canonical.value(first[12]));
        assertEquals("{Long:1=[Integer:1, null, Integer:2], Long:2=[]}", Canonical.value(first[20]));
    }

    @Test
    void partitionValuesOfEveryTypeIncludingNull() {
        List<Object[]> rows = rows("data-reader-partition-values", 0);
        Object[] zero = rows.stream().filter(r -> Integer.valueOf(0).equals(r[0])).findFirst().orElseThrow();
        assertEquals(Arrays.asList(0, 0L, (byte) 0, (short) 0, true, 0.0f, 0.0d, "0", "null",
                LocalDate.parse("2021-09-08"), Instant.parse("2021-09-08T11:11:11Z"), new BigDecimal("0")),
                Arrays.asList(zero).subList(0, 12));
        Object[] nulls = rows.stream().filter(r -> r[0] == null).findFirst().orElseThrow();
        assertTrue(Arrays.asList(nulls).subList(0, 12).stream().allMatch(v -> v == null), Arrays.toString(nulls));
        assertEquals("2", nulls[14]);
    }

    @Test
    void projectionKeepsTheRequestedOrderAndSubset() {
        DeltaTableSource source = golden("data-reader-partition-values");
        List<String> columns = List.of("value", "as_date", "as_int", "as_nested_struct");
        SourceSnapshot projected = source.snapshot(OptionalLong.empty(), columns);
        assertEquals(columns, projected.schema().names());
        SourceSnapshot full = source.snapshot(OptionalLong.empty(), List.of());
        int[] ordinals = columns.stream().mapToInt(full.schema()::indexOf).toArray();
        List<Object[]> expected = TestTables.read(full).stream()
                .map(row -> Arrays.stream(ordinals).mapToObj(i -> row[i]).toArray()).toList();
        assertEquals(Canonical.rows(expected), Canonical.rows(TestTables.read(projected)));
    }

    @Test
    void projectionWithColumnMappingPartitionsAndDeletionVectors() {
        DeltaTableSource source = golden("dv-with-columnmapping");
        List<Object[]> full = TestTables.read(source.snapshot(OptionalLong.empty(), List.of()));
        List<Object[]> projected = TestTables.read(source.snapshot(OptionalLong.empty(), List.of("col2", "part")));
        assertEquals(Canonical.rows(full.stream().map(r -> new Object[] {r[2], r[0]}).toList()),
                Canonical.rows(projected));
    }

    @Test
    void closingEarlyReleasesTheScan() {
        SourceSnapshot snapshot = golden("parquet-decimal-type").snapshot(OptionalLong.empty(), List.of("id"));
        io.lakesync.core.spi.CloseableIterator<io.lakesync.core.model.RowBatch> batches = snapshot.batches();
        assertTrue(batches.hasNext());
        assertTrue(batches.next().rowCount() > 0);
        batches.close();
        assertEquals(false, batches.hasNext());
    }

    @Test
    void projectionOfPartitionColumnsOnly() {
        List<Object[]> rows = TestTables.read(golden("data-reader-partition-values")
                .snapshot(OptionalLong.empty(), List.of("as_long", "as_string")));
        assertEquals(Canonical.rows(List.of(new Object[] {0L, "0"}, new Object[] {1L, "1"}, new Object[] {null, null})),
                Canonical.rows(rows));
    }

    @Test
    void typeWideningReadsOldFilesAtTheWiderType() {
        SourceSnapshot widened = golden("type-widening-nested").snapshot(OptionalLong.of(2), List.of());
        assertEquals("[struct:struct<a:long>, map:map<long,long>, array:array<long>]",
                widened.schema().columns().stream().map(c -> c.name() + ":" + c.type()).toList().toString());
        long max = Long.MAX_VALUE;
        List<Object[]> expected = List.of(
                new Object[] {List.of(1L), Map.of(2L, 3L), List.of(4L, 5L)},
                new Object[] {List.of(max), Map.of(max, max), List.of(max, Long.MIN_VALUE)});
        assertEquals(Canonical.rows(expected), Canonical.rows(TestTables.read(widened)));
        SourceSnapshot before = golden("type-widening-nested").snapshot(OptionalLong.of(1), List.of());
        assertEquals(new ColumnType.Array(ColumnType.INT, true), before.schema().get(2).type());
    }

    @Test
    void timestampsAreMicrosecondsUtc() {
        List<Object[]> rows = rows("kernel-timestamp-PST", 0);
        Map<Object, Object[]> byId = rows.stream().collect(Collectors.toMap(r -> r[0], r -> r));
        assertEquals(Instant.parse("2020-01-01T08:09:10.001Z"), byId.get(0)[1]);
        assertEquals(Instant.parse("2020-02-01T16:09:10Z"), byId.get(0)[2]);
        assertEquals(Instant.parse("1969-01-01T08:00:00Z"), byId.get(3)[2]);
        assertEquals(null, byId.get(4)[2]);
    }

    @Test
    void variantsRenderAsJsonAtEveryNestingLevel() {
        SourceSnapshot snapshot = golden("spark-variant-checkpoint").snapshot(OptionalLong.empty(), List.of());
        assertEquals(ColumnType.VARIANT, snapshot.schema().get(1).type());
        List<Object[]> expected = new ArrayList<>();
        for (long id : LongStream.concat(LongStream.range(0, 100), LongStream.range(0, 2)).toArray()) {
            String v = "{\"key\":" + id + "}";
            Map<Object, Object> map = new LinkedHashMap<>();
            map.put(Long.toString(id), v);
            map.put("nullKey", null);
            expected.add(new Object[] {id, v, Arrays.asList(v, null, v, null, v), List.of(v), map,
                    Arrays.asList(List.of(v), Arrays.asList((Object) null), null, List.of(v), null, List.of(v)),
                    List.of(Arrays.asList(null, v))});
        }
        assertEquals(Canonical.rows(expected), Canonical.rows(TestTables.read(snapshot)));
    }

    @Test
    void decimalsKeepTheirScale() {
        List<Object[]> rows = rows("basic-decimal-table-legacy", 0);
        assertTrue(Canonical.rows(rows).contains(
                "(BigDecimal:-2342342.23423, BigDecimal:-999.99, BigDecimal:-99999.99999, BigDecimal:-9999999999.9999999999)"),
                Canonical.rows(rows).toString());
        for (Object[] row : rows) {
            assertEquals(5, ((BigDecimal) row[0]).scale());
            assertEquals(2, ((BigDecimal) row[1]).scale());
            assertEquals(10, ((BigDecimal) row[3]).scale());
        }
    }
}
