package io.lakesync.bench;

import io.lakesync.core.model.RowBatch;
import io.lakesync.core.model.TableName;
import io.lakesync.core.spi.CloseableIterator;
import io.lakesync.core.spi.SourceSnapshot;
import io.lakesync.core.spi.TableSink;
import io.lakesync.core.spi.TableSource;
import io.lakesync.core.spi.TextPolicy;
import io.lakesync.postgres.internal.copy.BinaryCopyWriter;
import java.sql.Connection;
import java.util.List;
import java.util.OptionalLong;

/**
 * {@code bench/run snapshot --profile}: where the time of a sync goes. Probes each stage alone
 * (Kernel decoding, raw encoding), then one raw load and one lakesync sync with CPU accounting
 * of the JVM, its threads and the PostgreSQL processes. Untimed for the ratio; figures only.
 */
final class SnapshotProfile {

    private final BenchDatabase database;
    private final TableSource source;
    private final TableSink sink;
    private final RowsInMemory rows;

    SnapshotProfile(BenchDatabase database, TableSource source, TableSink sink, RowsInMemory rows) {
        this.database = database;
        this.source = source;
        this.sink = sink;
        this.rows = rows;
    }

    void run() throws Exception {
        // the sink logs the split of its commit (end of COPY, key, analyze, swap) at INFO
        ((ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(
                "io.lakesync.postgres.internal.PostgresSnapshotLoad")).setLevel(ch.qos.logback.classic.Level.INFO);
        int n = rows.rowCount();
        ResultPrinter.line("profile (one run each, %d rows):", n);
        probe("  source: Kernel read+decode only, 1 thread", n, () -> String.format("%,d batches", decodeOnly()));
        probe("  source: decode + every value read via ColumnValues", n, () -> {
            decodeAndTouch();
            return "";
        });
        probe("  lakesync: decode + sink's COPY encoding, 1 thread", n,
                () -> String.format("%.0f MB", decodeAndEncodeWithSinkWriter() / 1e6));
        probe("  raw: binary COPY encoding only, no I/O", n, () -> {
            CopyBuffer discard = new CopyBuffer(1 << 20, (bytes, length) -> { });
            rows.encodeAll(discard);
            return String.format("%.0f MB", discard.bytesWritten() / 1e6);
        });

        profileRaw(n);
        profileLakesync(n);
    }

    /** Runs one stage alone on this thread and reports its wall time and CPU (this thread's and the JVM's). */
    private static void probe(String what, long rows, java.util.function.Supplier<String> stage) {
        long threadCpu = CpuClocks.currentThreadNanos();
        long jvmCpu = CpuClocks.jvmNanos();
        long started = System.nanoTime();
        String detail = stage.get();
        long wall = System.nanoTime() - started;
        report(what, wall, rows, String.format("thread CPU %.2f s, JVM CPU %.2f s  %s",
                s(CpuClocks.currentThreadNanos() - threadCpu), s(CpuClocks.jvmNanos() - jvmCpu), detail));
    }

    private long decodeOnly() {
        long batches = 0;
        try (CloseableIterator<RowBatch> it = source.snapshot(OptionalLong.empty(), List.of()).batches()) {
            while (it.hasNext()) {
                it.next();
                batches++;
            }
        }
        return batches;
    }

    private void decodeAndTouch() {
        SourceSnapshot snapshot = source.snapshot(OptionalLong.empty(), List.of());
        ValueTouch touch = new ValueTouch();
        try (CloseableIterator<RowBatch> it = snapshot.batches()) {
            while (it.hasNext()) {
                touch.touch(it.next(), snapshot.schema());
            }
        }
        if (touch.checksum() == 42) {
            ResultPrinter.line("(checksum %d)", touch.checksum()); // keeps the reads observable
        }
    }

    /** The sink's own encoder (an internal class, used here only to measure it) over the source's batches. */
    private long decodeAndEncodeWithSinkWriter() {
        SourceSnapshot snapshot = source.snapshot(OptionalLong.empty(), List.of());
        io.lakesync.postgres.internal.copy.CopyBuffer discard = new io.lakesync.postgres.internal.copy.CopyBuffer(
                1 << 20, (bytes, offset, length) -> { });
        BinaryCopyWriter writer = new BinaryCopyWriter(snapshot.schema(), List.of(BenchTableShape.KEY), TextPolicy.FAIL,
                discard);
        writer.start();
        try (CloseableIterator<RowBatch> it = snapshot.batches()) {
            while (it.hasNext()) {
                writer.write(it.next());
            }
        }
        writer.finish();
        return discard.bytesSent();
    }

    private void profileRaw(int n) throws Exception {
        TableName target = database.freshTable("profile_raw");
        try (Connection connection = database.connect()) {
            CpuSample before = CpuSample.take(database.postmasterPid());
            RawCopyLoad.Timing timing = new RawCopyLoad(rows).run(connection, target);
            report("  raw load (create, COPY, key, commit)", timing.totalNanos(), n,
                    CpuSample.takeSettled(database.postmasterPid()).since(before));
            ResultPrinter.line("    COPY %.2f s | primary key %.2f s", s(timing.copyNanos()), s(timing.keyNanos()));
        }
        database.dropAndSettle(target);
    }

    private void profileLakesync(int n) throws Exception {
        ProfiledSource profiledSource = new ProfiledSource(source);
        ProfiledSink profiledSink = new ProfiledSink(sink);
        TableName target = database.freshTable("profile_lakesync");
        CpuSample before = CpuSample.take(database.postmasterPid());
        long runStarted = System.nanoTime();
        long wall;
        ThreadSampler sampler = new ThreadSampler();
        try (sampler) {
            wall = new LakesyncLoad(profiledSource, profiledSink).run(target).nanos();
        }
        report("  lakesync sync", wall, n, CpuSample.takeSettled(database.postmasterPid()).since(before));
        long setup = profiledSink.beginStartedAt - runStarted;
        long loading = wall - setup - profiledSink.beginNanos - profiledSink.commitNanos;
        ResultPrinter.line("    before the load (Delta log replay, run history) %.2f s | open load %.2f s"
                        + " | loading %.2f s | commit (end of COPY, key, analyze, swap, watermark) %.2f s",
                s(setup), s(profiledSink.beginNanos), s(loading), s(profiledSink.commitNanos));
        ResultPrinter.line("    while loading: writer thread in write() %.2f s (CPU %.2f s encoding; the rest blocked"
                        + " sending to the server), waiting for batches %.2f s | reader thread in next() %.2f s"
                        + " (CPU %.2f s reading and decoding)",
                s(profiledSink.writeWallNanos), s(profiledSink.writeCpuNanos),
                s(Math.max(0, loading - profiledSink.writeWallNanos)), s(profiledSource.nextWallNanos),
                s(profiledSource.readerCpuNanos));
        sampler.report(8);
        database.dropAndSettle(target);
    }

    private static void report(String what, long nanos, long rows, String detail) {
        ResultPrinter.line("%-56s %6.2f s %,10.0f rows/s  %s", what, s(nanos), rows / s(nanos), detail);
    }

    private static double s(long nanos) {
        return nanos / 1e9;
    }
}
