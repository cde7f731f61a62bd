package io.lakesync.delta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakesync.core.model.ColumnType;
import io.lakesync.core.spi.SourceSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.function.Function;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The delta-spark fixture tables (testdata/spark: updates, deletes, merges, deletion vectors,
 * schema changes): every version reads, agrees with the statistics, and where the statements in
 * versions.txt make the content obvious, equals it exactly.
 */
class SparkFixturesTest {

    private static Path fixture(String name) {
        Path table = TestTables.testdata().resolve("spark").resolve(name);
        assertTrue(Files.isDirectory(table.resolve("_delta_log")), "fixture " + name + " is missing from testdata/spark");
        return table;
    }

    static Stream<String> fixtures() throws IOException {
        Path spark = TestTables.testdata().resolve("spark");
        assertTrue(Files.isDirectory(spark), "testdata/spark is missing");
        try (Stream<Path> dirs = Files.list(spark)) {
            return dirs.filter(d -> Files.isDirectory(d.resolve("_delta_log"))).map(d -> d.getFileName().toString())
                    .sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixtures")
    void everyVersionReadsAndMatchesItsStatistics(String name) {
        DeltaTableSource source = DeltaTableSource.open(fixture(name).toString());
        long latest = source.latestVersion().version();
        for (long v = 0; v <= latest; v++) {
            SourceSnapshot snapshot = source.snapshot(OptionalLong.of(v), List.of());
            int rows = TestTables.read(snapshot).size();
            long version = v;
            snapshot.estimatedRowCount().ifPresent(e -> assertEquals(e, rows, name + " version " + version));
        }
    }

    @Test
    void deletionVectorsFollowTheStatements() {
        DeltaTableSource source = DeltaTableSource.open(fixture("deletion-vectors-nocdf").toString());
        List<Object[]> rows = new ArrayList<>();
        List<List<String>> expectedByVersion = new ArrayList<>();
        expectedByVersion.add(Canonical.rows(rows)); // v0 CREATE
        LongStream.range(0, 400).forEach(id -> rows.add(new Object[] {id, (int) (id % 4), "v" + id}));
        expectedByVersion.add(Canonical.rows(rows)); // v1 INSERT
        rows.removeIf(r -> (Long) r[0] % 10 == 3);
        expectedByVersion.add(Canonical.rows(rows)); // v2 DELETE
        rows.replaceAll(r -> (Long) r[0] % 10 == 5 ? new Object[] {r[0], r[1], "updated"} : r);
        expectedByVersion.add(Canonical.rows(rows)); // v3 UPDATE
        rows.removeIf(r -> (Long) r[0] % 10 == 5 && (Integer) r[1] == 1);
        expectedByVersion.add(Canonical.rows(rows)); // v4 DELETE
        expectedByVersion.add(Canonical.rows(rows)); // v5 OPTIMIZE
        LongStream.range(400, 420).forEach(id -> rows.add(new Object[] {id, 9, "tail"}));
        expectedByVersion.add(Canonical.rows(rows)); // v6 INSERT
        rows.removeIf(r -> (Long) r[0] >= 410);
        expectedByVersion.add(Canonical.rows(rows)); // v7 DELETE

        assertEquals(expectedByVersion.size() - 1, source.latestVersion().version());
        for (int v = 0; v < expectedByVersion.size(); v++) {
            List<Object[]> actual = TestTables.read(source.snapshot(OptionalLong.of(v), List.of()));
            assertEquals(expectedByVersion.get(v), Canonical.rows(actual), "version " + v);
        }
    }

    @Test
    void renamedColumnIsReadUnderItsNewName() {
        DeltaTableSource source = DeltaTableSource.open(fixture("schema-rename-column").toString());
        assertEquals(List.of("id", "before"), source.snapshot(OptionalLong.of(1), List.of()).schema().names());
        SourceSnapshot renamed = source.snapshot(OptionalLong.of(3), List.of());
        assertEquals(List.of("id", "after"), renamed.schema().names());
        assertEquals(Canonical.rows(rows(0, 30, id -> new Object[] {id, id < 20 ? "b" : "a"})),
                Canonical.rows(TestTables.read(renamed)));
    }

    @Test
    void droppedColumnIsGone() {
        SourceSnapshot dropped = DeltaTableSource.open(fixture("schema-drop-column").toString())
                .snapshot(OptionalLong.of(3), List.of());
        assertEquals(List.of("id", "keep"), dropped.schema().names());
        assertEquals(Canonical.rows(rows(0, 30, id -> new Object[] {id, id < 20 ? "k" : "k2"})),
                Canonical.rows(TestTables.read(dropped)));
    }

    @Test
    void widenedColumnReadsOldFilesAtTheNewType() {
        SourceSnapshot widened = DeltaTableSource.open(fixture("schema-widen-type").toString())
                .snapshot(OptionalLong.of(3), List.of());
        assertEquals(ColumnType.LONG, widened.schema().get(1).type());
        assertEquals(Canonical.rows(rows(0, 60, id -> id < 40
                        ? new Object[] {id, id, (float) (id / 3.0)}
                        : new Object[] {id, id * 10_000_000_000L, 0.5f})),
                Canonical.rows(TestTables.read(widened)));
    }

    @Test
    void addedColumnIsNullInOlderFiles() {
        SourceSnapshot added = DeltaTableSource.open(fixture("schema-add-column").toString())
                .snapshot(OptionalLong.of(4), List.of());
        assertEquals(List.of("id", "name", "score"), added.schema().names());
        assertEquals(Canonical.rows(rows(0, 80, id -> new Object[] {id, "n" + id,
                        id < 10 ? Double.valueOf(-1.5) : id < 50 ? null : Double.valueOf(id / 4.0)})),
                Canonical.rows(TestTables.read(added)));
    }

    private static List<Object[]> rows(long from, long to, Function<Long, Object[]> row) {
        return LongStream.range(from, to).mapToObj(row::apply).toList();
    }
}
