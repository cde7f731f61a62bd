package io.lakesync.bench;

import io.lakesync.core.spi.ChangeBatch;
import io.lakesync.core.spi.ChangeKind;
import io.lakesync.core.spi.ChangeSet;
import io.lakesync.core.spi.CloseableIterator;
import io.lakesync.delta.DeltaTableSource;
import java.util.List;

/**
 * Where lakesync's time goes outside PostgreSQL: how long finding and reading the Delta change
 * set takes on its own (log and snapshot loading, then decoding the Parquet files), with nothing
 * staged. Compared with the apply's total and the phases it logs, this splits the source's share
 * from the sink's.
 */
final class ChangeReadProfile {

    private ChangeReadProfile() {
    }

    static void print(DeltaTableSource source) {
        long started = System.nanoTime();
        source.latestVersion();
        source.commits(IncrementalDataset.BASE_VERSION, IncrementalDataset.CHANGED_VERSION);
        long planned = System.nanoTime();
        ChangeSet changes = source.changes(IncrementalDataset.BASE_VERSION, IncrementalDataset.CHANGED_VERSION,
                List.of());
        long opened = System.nanoTime();
        long upserts = 0;
        long deletes = 0;
        try (CloseableIterator<ChangeBatch> batches = changes.batches()) {
            while (batches.hasNext()) {
                ChangeBatch batch = batches.next();
                int live = 0;
                for (int row = 0; row < batch.rows().rowCount(); row++) {
                    live += batch.rows().isLive(row) ? 1 : 0;
                }
                if (batch.kind() == ChangeKind.UPSERT) {
                    upserts += live;
                } else {
                    deletes += live;
                }
            }
        }
        long done = System.nanoTime();
        ResultPrinter.line("profile: reading the Delta change set alone (no apply): %d ms = latest version + commit"
                + " list %d ms, end snapshot %d ms, reading files %d ms; %,d upsert rows (added files) + %,d delete"
                + " rows (removed files, key only) for %,d changed rows", (done - started) / 1_000_000,
                (planned - started) / 1_000_000, (opened - planned) / 1_000_000, (done - opened) / 1_000_000,
                upserts, deletes, IncrementalChange.CHANGED_ROWS);
    }
}
