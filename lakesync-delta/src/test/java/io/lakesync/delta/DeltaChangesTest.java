package io.lakesync.delta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakesync.core.model.RowBatch;
import io.lakesync.core.model.TableSchema;
import io.lakesync.core.spi.ChangeBatch;
import io.lakesync.core.spi.ChangeKind;
import io.lakesync.core.spi.ChangeSet;
import io.lakesync.core.spi.CloseableIterator;
import io.lakesync.core.spi.CommitInfo;
import io.lakesync.core.spi.SourceSnapshot;
import io.lakesync.testkit.delta.RowBatchValues;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeSet;
import java.util.stream.LongStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The row changes between versions of the delta-spark fixture tables (every operation, with and
 * without Change Data Feed, deletion vectors, schema changes): applied to the snapshot at one
 * version, they give the snapshot at the other, exactly.
 */
class DeltaChangesTest {

    static Path fixture(String name) {
        Path table = TestTables.testdata().resolve("spark").resolve(name);
        assertTrue(Files.isDirectory(table.resolve("_delta_log")), "fixture " + name + " is missing from testdata/spark");
        return table;
    }

    static Stream<Arguments> fixturesWithAndWithoutKeys() throws IOException {
        return SparkFixturesTest.fixtures().flatMap(name -> Stream.of(Arguments.of(name, false),
                Arguments.of(name, true)));
    }

    /** Renames in the fixtures, new name to old, so that kept rows can follow them. */
    private static Map<String, String> renames(String fixture) {
        return fixture.equals("schema-rename-column") ? Map.of("after", "before") : Map.of();
    }

    private static DeltaTableSource source(String fixture, boolean keysOnlyDeletes) {
        DeltaTableSource source = DeltaTableSource.open(fixture(fixture).toString());
        return keysOnlyDeletes ? source.withKeyColumns(List.of("id")) : source;
    }

    /** The rows at {@code to}, computed from the snapshot at {@code from} and the changes in between. */
    private static List<Object[]> replay(DeltaTableSource source, String fixture, long from, long to,
            List<String> columns) {
        ChangeReplay replay;
        if (from < 0) {
            replay = new ChangeReplay("id", new TableSchema(List.of()), List.of());
        } else {
            SourceSnapshot start = source.snapshot(OptionalLong.of(from), columns);
            replay = new ChangeReplay("id", start.schema(), TestTables.read(start));
        }
        return replay.apply(source.changes(from, to, columns), renames(fixture)).rows();
    }

    private static List<String> snapshotRows(DeltaTableSource source, long version, List<String> columns) {
        return Canonical.rows(TestTables.read(source.snapshot(OptionalLong.of(version), columns)));
    }

    @ParameterizedTest(name = "{0}, keys-only deletes: {1}")
    @MethodSource("fixturesWithAndWithoutKeys")
    void everyCommitTurnsTheSnapshotBeforeItIntoTheSnapshotAfterIt(String fixture, boolean keysOnlyDeletes) {
        DeltaTableSource source = source(fixture, keysOnlyDeletes);
        long latest = source.latestVersion().version();
        for (long v = 0; v <= latest; v++) {
            assertEquals(snapshotRows(source, v, List.of()),
                    Canonical.rows(replay(source, fixture, v - 1, v, List.of())), fixture + " version " + v);
        }
    }

    @ParameterizedTest(name = "{0}, keys-only deletes: {1}")
    @MethodSource("fixturesWithAndWithoutKeys")
    void rangesOfSeveralCommitsReplayToTheirEnd(String fixture, boolean keysOnlyDeletes) {
        DeltaTableSource source = source(fixture, keysOnlyDeletes);
        long latest = source.latestVersion().version();
        long[][] ranges = {{-1, latest}, {0, latest}, {1, latest}, {latest / 2, latest}, {1, Math.max(2, latest - 1)}};
        for (long[] range : ranges) {
            assertEquals(snapshotRows(source, range[1], List.of()),
                    Canonical.rows(replay(source, fixture, range[0], range[1], List.of())),
                    fixture + " after " + range[0] + " up to " + range[1]);
        }
    }

    @Test
    void projectionReadsTheRequestedColumnsInTheirOrder() {
        for (String fixture : List.of("operations-cdf", "operations-nocdf")) {
            DeltaTableSource source = source(fixture, true);
            List<String> columns = List.of("name", "id", "region");
            long latest = source.latestVersion().version();
            for (long v = 1; v <= latest; v++) {
                ChangeSet changes = source.changes(v - 1, v, columns);
                assertEquals(columns, changes.schema().names());
                assertEquals(snapshotRows(source, v, columns), Canonical.rows(replay(source, fixture, v - 1, v, columns)),
                        fixture + " version " + v);
            }
        }
    }

    @Test
    void optimizeAndMetadataOnlyCommitsChangeNoRows() {
        assertNoChanges("operations-cdf", 6, 9);
        assertNoChanges("operations-nocdf", 6, 9);
        assertNoChanges("deletion-vectors-cdf", 5);
        assertNoChanges("deletion-vectors-nocdf", 5);
        assertNoChanges("schema-add-column", 0, 2);
    }

    private static void assertNoChanges(String fixture, long... versions) {
        DeltaTableSource source = source(fixture, false);
        for (long v : versions) {
            assertEquals(List.of(), changeRows(source.changes(v - 1, v, List.of())), fixture + " version " + v);
            CommitInfo commit = source.commits(v - 1, v).get(0);
            assertEquals(0, commit.estimatedChangeRows(), fixture + " version " + v);
        }
    }

    @Test
    void deletionVectorDeleteGivesExactlyTheDeletedKeys() {
        TreeSet<Long> deleted = new TreeSet<>();
        LongStream.range(0, 400).filter(id -> id % 10 == 3).forEach(deleted::add);
        for (String fixture : List.of("deletion-vectors-cdf", "deletion-vectors-nocdf")) {
            for (boolean keysOnly : new boolean[] {false, true}) {
                List<KeyChange> changes = changeRows(source(fixture, keysOnly).changes(1, 2, List.of()));
                assertTrue(changes.stream().allMatch(c -> c.kind() == ChangeKind.DELETE), fixture + ": " + changes);
                assertEquals(deleted, new TreeSet<>(changes.stream().map(KeyChange::id).toList()), fixture);
                assertEquals(deleted.size(), changes.size(), fixture + ": every deleted key once");
            }
        }
    }

    @Test
    void deletionVectorUpdateDeletesTheOldRowsAndUpsertsTheNewOnes() {
        // v3: UPDATE T SET val = 'updated' WHERE id % 10 = 5 -- no Change Data Feed: old rows hidden
        // by a new deletion vector (DELETE), new rows in a new file (UPSERT); unchanged rows untouched.
        List<KeyChange> changes = changeRows(source("deletion-vectors-nocdf", false).changes(2, 3, List.of()));
        TreeSet<Long> updated = new TreeSet<>();
        LongStream.range(0, 400).filter(id -> id % 10 == 5).forEach(updated::add);
        assertEquals(updated, keys(changes, ChangeKind.UPSERT));
        assertEquals(updated, keys(changes, ChangeKind.DELETE));
        assertEquals(2 * updated.size(), changes.size());
    }

    @Test
    void commitsWithChangeDataFeedFilesAreReadFromThem() {
        // v3: UPDATE ... WHERE id % 7 = 0 rewrote whole files; the CDF files hold only the 49
        // updated rows (postimages as UPSERT, preimages as DELETE), while the same commit without
        // CDF reads as every row of the rewritten files deleted and re-added.
        List<KeyChange> cdf = changeRows(source("operations-cdf", false).changes(2, 3, List.of()));
        TreeSet<Long> updated = new TreeSet<>();
        LongStream.range(0, 340).filter(id -> id % 7 == 0).forEach(updated::add);
        assertEquals(49, updated.size());
        assertEquals(updated, keys(cdf, ChangeKind.UPSERT), "postimages");
        assertEquals(updated, keys(cdf, ChangeKind.DELETE), "preimages delete the old keys");
        assertEquals(2 * 49, cdf.size());
        List<KeyChange> noCdf = changeRows(source("operations-nocdf", false).changes(2, 3, List.of()));
        assertTrue(noCdf.size() > 300, "rewritten files: " + noCdf.size());
        // v4: DELETE ... WHERE id % 11 = 0: deletes only
        List<KeyChange> deletes = changeRows(source("operations-cdf", false).changes(3, 4, List.of()));
        assertTrue(deletes.stream().allMatch(c -> c.kind() == ChangeKind.DELETE && c.id() % 11 == 0), "" + deletes);
        assertEquals(LongStream.range(0, 340).filter(id -> id % 11 == 0).count(), deletes.size());
    }

    @Test
    void tablesWithAndWithoutChangeDataFeedReplayToTheSameRows() {
        for (String[] pair : new String[][] {{"operations-cdf", "operations-nocdf"},
                {"deletion-vectors-cdf", "deletion-vectors-nocdf"}}) {
            DeltaTableSource cdf = source(pair[0], false);
            DeltaTableSource noCdf = source(pair[1], false);
            long latest = cdf.latestVersion().version();
            assertEquals(latest, noCdf.latestVersion().version());
            for (long v = 0; v <= latest; v++) {
                assertEquals(Canonical.rows(replay(noCdf, pair[1], v - 1, v, List.of())),
                        Canonical.rows(replay(cdf, pair[0], v - 1, v, List.of())), pair[0] + " version " + v);
            }
        }
    }

    @Test
    void keysOnlyDeletesCarryTheWholeSchemaWithNullValues() {
        // v4 of the no-CDF operations table: DELETE rewrites files; the removed files' rows are read
        // with the key alone. In the CDF table the deleted rows come from change data files.
        assertKeysOnlyDeletes(source("operations-nocdf", true).changes(3, 4, List.of()));
        assertKeysOnlyDeletes(source("operations-cdf", true).changes(3, 4, List.of()));
        assertKeysOnlyDeletes(source("deletion-vectors-nocdf", true).changes(1, 2, List.of()));
    }

    private static void assertKeysOnlyDeletes(ChangeSet changes) {
        int deleteRows = 0;
        try (CloseableIterator<ChangeBatch> batches = changes.batches()) {
            while (batches.hasNext()) {
                ChangeBatch batch = batches.next();
                if (batch.kind() != ChangeKind.DELETE) {
                    continue;
                }
                for (Object[] row : RowBatchValues.rows(changes.schema(), batch.rows())) {
                    deleteRows++;
                    assertEquals(changes.schema().size(), row.length);
                    assertTrue(row[0] instanceof Long, "key read");
                    for (int c = 1; c < row.length; c++) {
                        assertEquals(null, row[c], "non-key column " + changes.schema().get(c).name());
                    }
                }
            }
        }
        assertTrue(deleteRows > 0);
    }

    @Test
    void batchesStayValidAfterTheIteratorMovesOn() {
        // The sink may encode a batch on another thread while the next one is read.
        for (String fixture : List.of("operations-cdf", "operations-nocdf", "deletion-vectors-nocdf")) {
            DeltaTableSource source = source(fixture, true);
            ChangeSet changes = source.changes(-1, source.latestVersion().version(), List.of());
            List<String> streamed = new ArrayList<>();
            List<ChangeBatch> kept = new ArrayList<>();
            try (CloseableIterator<ChangeBatch> batches = changes.batches()) {
                while (batches.hasNext()) {
                    ChangeBatch batch = batches.next();
                    kept.add(batch);
                    for (Object[] row : RowBatchValues.rows(changes.schema(), batch.rows())) {
                        streamed.add(batch.version() + " " + batch.kind() + " " + Canonical.row(row));
                    }
                }
            }
            List<String> later = new ArrayList<>();
            for (ChangeBatch batch : kept) {
                for (Object[] row : RowBatchValues.rows(changes.schema(), batch.rows())) {
                    later.add(batch.version() + " " + batch.kind() + " " + Canonical.row(row));
                }
            }
            assertEquals(streamed, later, fixture);
            assertTrue(streamed.size() > 100, fixture);
        }
    }

    @Test
    void commitsDescribeEachVersion() {
        DeltaTableSource source = source("operations-nocdf", false);
        List<CommitInfo> commits = source.commits(-1, 11);
        assertEquals(LongStream.rangeClosed(0, 11).boxed().toList(),
                commits.stream().map(c -> c.version().version()).toList());
        assertEquals(300, commits.get(1).estimatedChangeRows()); // INSERT 300 rows
        assertEquals(40, commits.get(2).estimatedChangeRows()); // INSERT 40 rows
        assertEquals(0, commits.get(6).estimatedChangeRows()); // OPTIMIZE
        assertEquals(0, commits.get(9).estimatedChangeRows()); // table properties
        assertTrue(commits.get(11).estimatedChangeRows() >= 120); // overwrite: old rows and 120 new
        assertTrue(commits.get(0).schemaChanged(), "the table's creation sets its schema");
        assertFalse(commits.get(9).schemaChanged(), "new table properties, same columns");
        assertFalse(commits.get(10).schemaChanged(), "RESTORE writes metadata with the same columns");
        for (int v = 1; v < commits.size(); v++) {
            assertFalse(commits.get(v).version().commitTimestamp().isBefore(
                    commits.get(v - 1).version().commitTimestamp().minusSeconds(3600)), "times are plausible");
        }
        assertEquals(source.snapshot(OptionalLong.of(5), List.of()).version(), source.commits(4, 5).get(0).version(),
                "a commit's time follows the snapshot rule");

        assertTrue(DeltaTableSource.open(fixture("schema-add-column").toString()).commits(1, 2).get(0).schemaChanged());
        assertTrue(DeltaTableSource.open(fixture("schema-widen-type").toString()).commits(1, 2).get(0).schemaChanged());
        assertTrue(DeltaTableSource.open(fixture("schema-rename-column").toString()).commits(1, 2).get(0)
                .schemaChanged());
        assertTrue(DeltaTableSource.open(fixture("schema-drop-column").toString()).commits(1, 2).get(0)
                .schemaChanged());
        assertFalse(DeltaTableSource.open(fixture("schema-add-column").toString()).commits(2, 3).get(0)
                .schemaChanged());
    }

    @Test
    void emptyRangesHoldNoChanges() {
        DeltaTableSource source = source("operations-cdf", false);
        ChangeSet same = source.changes(5, 5, List.of());
        assertEquals(5, same.toVersion().version());
        assertEquals(List.of(), changeRows(same));
        ChangeSet backwards = source.changes(7, 5, List.of());
        assertEquals(7, backwards.toVersion().version(), "nothing to apply: the target stays where it is");
        assertEquals(List.of(), changeRows(backwards));
        assertEquals(List.of(), source.commits(5, 5));
    }

    record KeyChange(long version, ChangeKind kind, long id) {
    }

    private static TreeSet<Long> keys(List<KeyChange> changes, ChangeKind kind) {
        return new TreeSet<>(changes.stream().filter(c -> c.kind() == kind).map(KeyChange::id).toList());
    }

    /** Every live change row, as version, kind and key (column {@code id}). */
    static List<KeyChange> changeRows(ChangeSet changes) {
        int key = changes.schema().indexOf("id");
        List<KeyChange> rows = new ArrayList<>();
        try (CloseableIterator<ChangeBatch> batches = changes.batches()) {
            while (batches.hasNext()) {
                ChangeBatch batch = batches.next();
                RowBatch data = batch.rows();
                for (int r = 0; r < data.rowCount(); r++) {
                    if (data.isLive(r)) {
                        rows.add(new KeyChange(batch.version(), batch.kind(), data.column(key).getLong(r)));
                    }
                }
            }
        }
        return rows;
    }
}
