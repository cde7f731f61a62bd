package io.lakesync.bench;

import io.lakesync.core.engine.IncrementalSync;
import io.lakesync.core.engine.ProgressListener;
import io.lakesync.core.engine.SnapshotSync;
import io.lakesync.core.engine.SyncReport;
import io.lakesync.core.model.SyncMode;
import io.lakesync.core.model.SyncedTableSpec;
import io.lakesync.core.model.TableName;
import io.lakesync.core.spi.SnapshotResult;
import io.lakesync.core.spi.TextPolicy;
import io.lakesync.delta.DeltaTableSource;
import io.lakesync.postgres.PostgresSink;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * {@code bench/run incremental}: lakesync applying one Delta version (100k updates, 10k inserts,
 * 10k deletes on 1M rows, committed as a MERGE without Change Data Feed) against the raw limit (the
 * same changes known in advance, applied by COPY + INSERT ON CONFLICT + DELETE ANY), on the same
 * server. Each run starts from a fresh target snapshot-synced at the version before (not timed).
 * One untimed warm-up each, whose results are compared, then three timed runs of each, alternating.
 */
final class IncrementalBenchmark {

    private static final int TIMED_RUNS = 3;

    void run() throws Exception {
        Path table = IncrementalDataset.ensure();
        BenchDatabase database = BenchDatabase.start();
        ResultPrinter.line(MachineLoad.describe());
        // as the CLI opens it: deletes (rows of removed files) are read by their key alone
        DeltaTableSource source = DeltaTableSource.open(table.toString()).withKeyColumns(List.of(BenchTableShape.KEY));

        long readStarted = System.nanoTime();
        ChangesInMemory changes = ChangesInMemory.read(source, IncrementalDataset.CHANGED_VERSION);
        ResultPrinter.line("materialised the changes in memory for the raw limit in %.1f s (not timed):"
                + " %,d upserts, %,d deletes", (System.nanoTime() - readStarted) / 1e9, changes.upserts(),
                changes.deletedKeys().length);
        ResultPrinter.line("change: version %d -> %d of %s; %,d updated, %,d inserted, %,d deleted (rows/s below count"
                + " these %,d changed rows)", IncrementalDataset.BASE_VERSION, IncrementalDataset.CHANGED_VERSION, table,
                IncrementalChange.UPDATED, IncrementalChange.INSERTED, IncrementalChange.DELETED,
                IncrementalChange.CHANGED_ROWS);
        ApplyLog.showApplyPhases();

        RawUpsertApply raw = new RawUpsertApply(changes);
        Timings rawTimings = new Timings("raw COPY + upsert + delete");
        Timings lakesyncTimings = new Timings("lakesync incremental apply");
        try (PostgresSink sink = PostgresSink.connect(database.jdbcUrl())) {
            Targets targets = new Targets(database, source, sink);
            warmUpAndCompare(raw, targets, database);
            for (int i = 1; i <= TIMED_RUNS; i++) {
                rawTimings.add(timeRaw(raw, targets, database));
                lakesyncTimings.add(timeLakesync(targets, database));
                ResultPrinter.line("run %d/%d done", i, TIMED_RUNS);
            }
            ChangeReadProfile.print(source);
        }

        ResultPrinter.timings(rawTimings, IncrementalChange.CHANGED_ROWS);
        ResultPrinter.timings(lakesyncTimings, IncrementalChange.CHANGED_ROWS);
        double ratio = lakesyncTimings.medianRowsPerSecond(IncrementalChange.CHANGED_ROWS)
                / rawTimings.medianRowsPerSecond(IncrementalChange.CHANGED_ROWS);
        ResultPrinter.summary(String.format(Locale.ROOT, "incremental_vs_raw_upsert_ratio=%.2f", ratio));
    }

    /** Fresh targets holding the version before the change, made by a lakesync snapshot (not timed). */
    private record Targets(BenchDatabase database, DeltaTableSource source, PostgresSink sink) {

        TableName fresh(String prefix) throws Exception {
            TableName target = database.freshTable(prefix);
            SnapshotResult result = new SnapshotSync(source, sink, TextPolicy.FAIL, ProgressListener.NONE)
                    .run(spec(target), OptionalLong.of(IncrementalDataset.BASE_VERSION));
            if (result.rowsWritten() != IncrementalChange.BASE_ROWS) {
                throw new IllegalStateException("The snapshot of version " + IncrementalDataset.BASE_VERSION
                        + " wrote " + result.rowsWritten() + " rows, expected " + IncrementalChange.BASE_ROWS);
            }
            checkpoint(database);
            return target;
        }

        SyncedTableSpec spec(TableName target) {
            return new SyncedTableSpec(source.location(), target, List.of(BenchTableShape.KEY), Optional.empty(),
                    SyncMode.TRIGGERED, List.of());
        }

        /** lakesync's apply of the change: read it from the Delta log, stage, collapse, merge, watermark. */
        SyncReport applyByLakesync(TableName target) {
            IncrementalSync sync = new IncrementalSync(source, sink, TextPolicy.FAIL, ProgressListener.NONE,
                    IncrementalSync.DEFAULT_MAX_ROWS_PER_TRANSACTION);
            SyncReport report = sync.run(spec(target));
            if (report.kind() != SyncReport.Kind.INCREMENTAL
                    || report.toVersion() != IncrementalDataset.CHANGED_VERSION
                    || report.rowsInserted() != IncrementalChange.INSERTED
                    || report.rowsUpdated() != IncrementalChange.UPDATED
                    || report.rowsDeleted() != IncrementalChange.DELETED) {
                throw new IllegalStateException("lakesync's apply did not do the expected change: " + report
                        + "; the comparison would be meaningless");
            }
            return report;
        }
    }

    /** One untimed run each, whose tables are then compared both ways: both must end with the same rows. */
    private static void warmUpAndCompare(RawUpsertApply raw, Targets targets, BenchDatabase database) throws Exception {
        ResultPrinter.line("warming up (one untimed run each) and checking both end with the same rows...");
        TableName rawTable = targets.fresh("raw");
        applyRaw(raw, database, rawTable);
        TableName lakesyncTable = targets.fresh("lakesync");
        targets.applyByLakesync(lakesyncTable);
        long differing = database.differingRows(rawTable, lakesyncTable);
        if (differing != 0) {
            throw new IllegalStateException("The raw table " + rawTable + " and lakesync's " + lakesyncTable
                    + " differ in " + differing + " rows after the change: the comparison would be meaningless."
                    + " The tables are kept for inspection.");
        }
        database.dropAndSettle(rawTable);
        database.dropAndSettle(lakesyncTable);
    }

    private static long timeRaw(RawUpsertApply raw, Targets targets, BenchDatabase database) throws Exception {
        TableName target = targets.fresh("raw");
        RawUpsertApply.Outcome outcome = applyRaw(raw, database, target);
        ResultPrinter.line("  raw:      %.3f s (copy %d ms, upsert %d ms, delete %d ms, commit %d ms)",
                outcome.nanos() / 1e9, outcome.copyNanos() / 1_000_000, outcome.upsertNanos() / 1_000_000,
                outcome.deleteNanos() / 1_000_000, (outcome.nanos() - outcome.copyNanos() - outcome.upsertNanos()
                        - outcome.deleteNanos()) / 1_000_000);
        database.dropAndSettle(target);
        return outcome.nanos();
    }

    private static RawUpsertApply.Outcome applyRaw(RawUpsertApply raw, BenchDatabase database, TableName target)
            throws Exception {
        try (Connection connection = database.connect()) {
            RawUpsertApply.prepare(connection);
            RawUpsertApply.Outcome outcome = raw.run(connection, target);
            if (outcome.upserted() != IncrementalChange.UPDATED + IncrementalChange.INSERTED
                    || outcome.deleted() != IncrementalChange.DELETED) {
                throw new IllegalStateException("The raw apply upserted " + outcome.upserted() + " and deleted "
                        + outcome.deleted() + " rows, not the expected change");
            }
            return outcome;
        }
    }

    private static long timeLakesync(Targets targets, BenchDatabase database) throws Exception {
        TableName target = targets.fresh("lakesync");
        long started = System.nanoTime();
        targets.applyByLakesync(target);
        long nanos = System.nanoTime() - started;
        ResultPrinter.line("  lakesync: %.3f s", nanos / 1e9);
        database.dropAndSettle(target);
        return nanos;
    }

    private static void checkpoint(BenchDatabase database) {
        try {
            database.execute("CHECKPOINT");
        } catch (java.sql.SQLException e) {
            // CHECKPOINT needs superuser or pg_checkpoint; on a shared server we just go without it
        }
    }
}
