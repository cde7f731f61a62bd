package io.lakesync.bench;

import io.lakesync.core.model.ColumnValues;
import io.lakesync.core.model.RowBatch;
import io.lakesync.core.spi.CloseableIterator;
import io.lakesync.delta.DeltaTableSource;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;

/**
 * Reads the changed version of the incremental table back through lakesync's own Delta reader and
 * stops the benchmark when it is not what {@link IncrementalChange} says: a benchmark of the wrong
 * change would print a meaningless figure.
 */
final class IncrementalCheck {

    private static final int ID = 0;
    private static final int DESCRIPTION = 6;

    private IncrementalCheck() {
    }

    static void requireChangedVersion(Path table) {
        long rows = 0;
        long idSum = 0;
        long deleted = 0;
        long inserted = 0;
        long updated = 0;
        long misplacedUpdates = 0;
        DeltaTableSource source = DeltaTableSource.open(table.toString());
        try (CloseableIterator<RowBatch> batches = source.snapshot(
                OptionalLong.of(IncrementalDataset.CHANGED_VERSION), List.of()).batches()) {
            while (batches.hasNext()) {
                RowBatch batch = batches.next();
                ColumnValues ids = batch.column(ID);
                ColumnValues descriptions = batch.column(DESCRIPTION);
                for (int row = 0; row < batch.rowCount(); row++) {
                    if (!batch.isLive(row)) {
                        continue;
                    }
                    long id = ids.getLong(row);
                    rows++;
                    idSum += id;
                    deleted += IncrementalChange.isDeleted(id) ? 1 : 0;
                    inserted += IncrementalChange.isInserted(id) ? 1 : 0;
                    boolean marked = !descriptions.isNull(row)
                            && descriptions.getString(row).startsWith(IncrementalChange.UPDATED_MARK);
                    if (IncrementalChange.isUpdated(id) && marked) {
                        updated++;
                    } else if (marked) {
                        misplacedUpdates++;
                    }
                }
            }
        }
        long expectedSum = sum(0, IncrementalChange.BASE_ROWS) - sum(IncrementalChange.DELETED_FROM,
                IncrementalChange.DELETED_TO) + sum(IncrementalChange.INSERTED_FROM, IncrementalChange.INSERTED_TO);
        if (rows != IncrementalChange.BASE_ROWS || idSum != expectedSum || deleted != 0
                || inserted != IncrementalChange.INSERTED || updated != IncrementalChange.UPDATED
                || misplacedUpdates != 0) {
            throw new IllegalStateException(String.format("Version %d of %s is not the expected change: %,d rows"
                    + " (expected %,d), id sum %d (expected %d), %,d deleted ids still there, %,d of %,d new ids,"
                    + " %,d of %,d updated rows, %,d rows updated that should not be. Delete the folder and run"
                    + " again to regenerate it.", IncrementalDataset.CHANGED_VERSION, table, rows,
                    IncrementalChange.BASE_ROWS, idSum, expectedSum, deleted, inserted, IncrementalChange.INSERTED,
                    updated, IncrementalChange.UPDATED, misplacedUpdates));
        }
        System.out.printf("checked version %d: %,d rows, %,d updated, %,d inserted, %,d deleted%n",
                IncrementalDataset.CHANGED_VERSION, rows, updated, inserted, IncrementalChange.DELETED);
    }

    /** Sum of the ids from {@code from} (inclusive) to {@code to} (exclusive). */
    private static long sum(long from, long to) {
        return (to - 1 + from) * (to - from) / 2;
    }
}
