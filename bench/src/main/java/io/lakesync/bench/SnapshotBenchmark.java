package io.lakesync.bench;

import io.lakesync.core.model.TableName;
import io.lakesync.delta.DeltaTableSource;
import io.lakesync.postgres.PostgresSink;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.Locale;

/**
 * {@code bench/run snapshot}: lakesync's snapshot sync of a 1M-row table against the raw limit
 * (binary COPY FREEZE of the same rows from memory, then the key) on the same server. One untimed
 * warm-up each, then three timed runs of each, alternating so that drift hits both alike.
 */
final class SnapshotBenchmark {

    private static final int TIMED_RUNS = 3;

    private final boolean profile;

    SnapshotBenchmark(boolean profile) {
        this.profile = profile;
    }

    void run() throws Exception {
        Path table = BenchDataset.SNAPSHOT_1M.ensure();
        BenchDatabase database = BenchDatabase.start();
        ResultPrinter.line(MachineLoad.describe());
        DeltaTableSource source = DeltaTableSource.open(table.toString());

        long readStarted = System.nanoTime();
        RowsInMemory rows = RowsInMemory.read(source);
        ResultPrinter.line("materialised %,d rows in memory for the raw limit in %.1f s (not timed)",
                rows.rowCount(), (System.nanoTime() - readStarted) / 1e9);

        RawCopyLoad raw = new RawCopyLoad(rows);
        Timings rawTimings = new Timings("raw binary COPY + key");
        Timings lakesyncTimings = new Timings("lakesync snapshot sync");
        try (PostgresSink sink = PostgresSink.connect(database.jdbcUrl())) {
            LakesyncLoad lakesync = new LakesyncLoad(source, sink);
            warmUpAndCompare(raw, lakesync, database, rows.rowCount());
            for (int i = 1; i <= TIMED_RUNS; i++) {
                rawTimings.add(timeRaw(raw, database));
                lakesyncTimings.add(timeLakesync(lakesync, database, rows.rowCount()));
                ResultPrinter.line("run %d/%d done", i, TIMED_RUNS);
            }
            if (profile) {
                new SnapshotProfile(database, source, sink, rows).run();
            }
        }

        ResultPrinter.timings(rawTimings, rows.rowCount());
        ResultPrinter.timings(lakesyncTimings, rows.rowCount());
        double ratio = lakesyncTimings.medianRowsPerSecond(rows.rowCount()) / rawTimings.medianRowsPerSecond(rows.rowCount());
        ResultPrinter.summary(String.format(Locale.ROOT, "snapshot_vs_raw_copy_ratio=%.2f", ratio));
    }

    /**
     * One untimed run each, whose tables are then compared both ways with EXCEPT: the ratio only
     * means something if both sides loaded the very same rows.
     */
    private static void warmUpAndCompare(RawCopyLoad raw, LakesyncLoad lakesync, BenchDatabase database,
            long expectedRows) throws Exception {
        ResultPrinter.line("warming up (one untimed run each) and checking both load the same rows...");
        TableName rawTable = database.freshTable("raw");
        try (Connection connection = database.connect()) {
            raw.run(connection, rawTable);
        }
        TableName lakesyncTable = database.freshTable("lakesync");
        LakesyncLoad.Outcome outcome = lakesync.run(lakesyncTable);
        long differing = database.differingRows(rawTable, lakesyncTable);
        if (differing != 0 || outcome.result().rowsWritten() != expectedRows) {
            throw new IllegalStateException("The raw table " + rawTable + " and lakesync's " + lakesyncTable
                    + " differ (" + differing + " rows in one but not the other, lakesync wrote "
                    + outcome.result().rowsWritten() + " of " + expectedRows + "): the comparison would be meaningless."
                    + " The tables are kept for inspection.");
        }
        database.dropAndSettle(rawTable);
        database.dropAndSettle(lakesyncTable);
    }

    private static long timeRaw(RawCopyLoad raw, BenchDatabase database) throws Exception {
        TableName target = database.freshTable("raw");
        long nanos;
        try (Connection connection = database.connect()) {
            nanos = raw.run(connection, target).totalNanos();
        }
        database.dropAndSettle(target);
        return nanos;
    }

    private static long timeLakesync(LakesyncLoad lakesync, BenchDatabase database, long expectedRows) throws Exception {
        TableName target = database.freshTable("lakesync");
        LakesyncLoad.Outcome outcome = lakesync.run(target);
        if (outcome.result().rowsWritten() != expectedRows) {
            throw new IllegalStateException("lakesync wrote " + outcome.result().rowsWritten() + " rows, expected "
                    + expectedRows + ": the comparison would be meaningless");
        }
        database.dropAndSettle(target);
        return outcome.nanos();
    }
}
