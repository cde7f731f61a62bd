package io.lakesync.bench;

import io.lakesync.core.model.TableName;
import io.lakesync.delta.DeltaTableSource;
import io.lakesync.postgres.PostgresSink;
import java.nio.file.Path;
import java.util.Locale;

/**
 * {@code bench/run snapshot-10m}: a 10M-row snapshot sync in a small heap (bench/run gives this
 * JVM -Xmx256m), showing that memory is bounded by the pipeline, not by the table size.
 */
final class Snapshot10mBenchmark {

    void run() throws Exception {
        MemoryStats memory = MemoryStats.watch();
        Path table = BenchDataset.SNAPSHOT_10M.ensure();
        BenchDatabase database = BenchDatabase.start();
        ResultPrinter.line(MachineLoad.describe());
        ResultPrinter.line("max heap %d MB", MemoryStats.maxHeapBytes() >> 20);
        DeltaTableSource source = DeltaTableSource.open(table.toString());
        TableName target = database.freshTable("lakesync_10m");
        LakesyncLoad.Outcome outcome;
        try (PostgresSink sink = PostgresSink.connect(database.jdbcUrl())) {
            ResultPrinter.line("syncing %s into %s ...", table, target);
            outcome = new LakesyncLoad(source, sink).run(target);
        }
        double seconds = outcome.nanos() / 1e9;
        long rows = outcome.result().rowsWritten();
        ResultPrinter.line("lakesync snapshot sync: %,d rows in %.1f s", rows, seconds);
        long peakHeap = memory.peakHeapBytes();
        long rss = MemoryStats.peakRssBytes();
        ResultPrinter.line("heap: peak in use %d MB (just before a collection), peak live after a collection %d MB,"
                + " sum of the heap pools' own peaks %d MB (an overstatement: the pools peak at different moments)",
                peakHeap >> 20, memory.peakLiveBytes() >> 20, MemoryStats.sumOfPoolPeaksBytes() >> 20);
        database.dropAndSettle(target);
        ResultPrinter.summary(String.format(Locale.ROOT, "peak_heap_mb=%d rss_mb=%d rows_per_s=%.0f",
                peakHeap >> 20, rss < 0 ? -1 : rss >> 20, rows / seconds));
    }
}
