package io.lakesync.delta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakesync.core.model.TableSchema;
import io.lakesync.core.spi.ChangeBatch;
import io.lakesync.core.spi.ChangeKind;
import io.lakesync.core.spi.ChangeSet;
import io.lakesync.core.spi.CloseableIterator;
import io.lakesync.core.spi.SourceSnapshot;
import io.lakesync.testkit.delta.RowBatchValues;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The multi-version tables of the shared corpus (written by other Delta writers: overwrites,
 * restores, deletion vectors with column mapping, checkpoints, null partition values left out of
 * remove actions, removes without a size): every commit, applied to the snapshot before it, gives
 * the snapshot after it. These tables have no key column, so the whole row is the key; versions
 * whose rows are not distinct, or whose schema changed, are left out.
 */
class CorpusChangesTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource({
            "golden/125-iterator-bug, 11",
            "golden/basic-with-inserts-deletes-checkpoint, 13",
            "golden/basic-with-inserts-overwrite-restore, 3",
            "golden/basic-with-inserts-updates, 1",
            "golden/data-skipping-partition-and-data-column, 3",
            "golden/dv-with-columnmapping, 15",
            "golden/log-replay-dv-key-cases, 3",
            "golden/snapshot-data2, 2",
            "golden/snapshot-data3, 3",
            "golden/snapshot-repartitioned, 5",
            "golden/time-travel-start-start20-start40, 2",
            "golden/v2-checkpoint-parquet, 2",
            "dat/basic_append/delta, 1",
            "dat/basic_partitioned/delta, 1",
            "dat/multi_partitioned/delta, 2"})
    void everyCommitTurnsTheSnapshotBeforeItIntoTheSnapshotAfterIt(String table, int commitsToCheck) {
        DeltaTableSource source = DeltaTableSource.open(TestTables.testdata().resolve(table).toString());
        long latest = source.latestVersion().version();
        int checked = 0;
        for (long v = 0; v <= latest; v++) {
            List<String> before = v == 0 ? List.of() : rows(source.snapshot(OptionalLong.of(v - 1), List.of()));
            SourceSnapshot after = source.snapshot(OptionalLong.of(v), List.of());
            List<String> expected = rows(after);
            boolean sameSchema = v == 0 || source.snapshot(OptionalLong.of(v - 1), List.of()).schema()
                    .equals(after.schema());
            if (!sameSchema || new HashSet<>(before).size() != before.size()
                    || new HashSet<>(expected).size() != expected.size()) {
                continue;
            }
            assertEquals(expected, replay(before, source.changes(v - 1, v, List.of())), table + " version " + v);
            checked++;
        }
        assertTrue(checked >= commitsToCheck, table + ": only " + checked + " commits could be checked");
    }

    private static List<String> rows(SourceSnapshot snapshot) {
        return Canonical.rows(TestTables.read(snapshot));
    }

    /** Whole rows as keys: within a version an UPSERT wins over a DELETE of the same row. */
    private static List<String> replay(List<String> start, ChangeSet changes) {
        Set<String> rows = new HashSet<>(start);
        Map<String, ChangeKind> last = new HashMap<>();
        TableSchema schema = changes.schema();
        try (CloseableIterator<ChangeBatch> batches = changes.batches()) {
            while (batches.hasNext()) {
                ChangeBatch batch = batches.next();
                for (Object[] row : RowBatchValues.rows(schema, batch.rows())) {
                    String key = Canonical.row(row);
                    if (batch.kind() == ChangeKind.UPSERT) {
                        last.put(key, ChangeKind.UPSERT);
                    } else {
                        last.putIfAbsent(key, ChangeKind.DELETE);
                    }
                }
            }
        }
        last.forEach((row, kind) -> {
            if (kind == ChangeKind.UPSERT) {
                rows.add(row);
            } else {
                rows.remove(row);
            }
        });
        List<String> result = new ArrayList<>(rows);
        result.sort(null);
        return result;
    }
}
