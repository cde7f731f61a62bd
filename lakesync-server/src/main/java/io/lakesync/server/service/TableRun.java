package io.lakesync.server.service;

import io.lakesync.core.engine.IncrementalSync;
import io.lakesync.core.engine.SnapshotSync;
import io.lakesync.core.engine.SyncReport;
import io.lakesync.core.error.ErrorCode;
import io.lakesync.core.error.LakesyncException;
import io.lakesync.core.model.SyncedTableSpec;
import io.lakesync.core.spi.SnapshotResult;
import io.lakesync.core.spi.TableSink;
import io.lakesync.core.spi.TableSource;
import io.lakesync.core.spi.TextPolicy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One run of one table on a worker thread: a snapshot or the changes since the watermark, then
 * the outcome recorded on the table (and the run history, which the engine keeps) and reported to
 * the observers. A run asked to stop (server stopping, table deleted) leaves no failure behind.
 */
final class TableRun implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(TableRun.class);

    private final ManagedTable table;
    private final RunKind kind;
    private final TableSource source;
    private final TableSink sink;
    private final ServiceSettings settings;
    private final SyncEvents events;
    private final Clock clock;
    private volatile boolean stopRequested;

    TableRun(ManagedTable table, RunKind kind, TableSource source, TableSink sink, ServiceSettings settings,
            SyncEvents events, Clock clock) {
        this.table = table;
        this.kind = kind;
        this.source = source;
        this.sink = sink;
        this.settings = settings;
        this.events = events;
        this.clock = clock;
    }

    @Override
    public void run() {
        Instant started = clock.instant();
        long startNanos = System.nanoTime();
        SyncedTableSpec spec = table.definition().spec();
        try {
            Counts counts = kind == RunKind.INCREMENTAL ? incremental(spec) : snapshot(spec);
            Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
            table.runSucceeded(sink.watermark(spec.target()), started, clock.instant());
            events.runSucceeded(spec.target(), kind, took, counts.inserted, counts.updated, counts.deleted,
                    counts.snapshotRows);
        } catch (LakesyncException e) {
            failed(spec, e, startNanos);
        } catch (RuntimeException e) {
            failed(spec, new LakesyncException(ErrorCode.INTERNAL_ERROR, "The run failed unexpectedly: " + e
                    + ". The table keeps serving its last good version. Please report this with the server log.", e),
                    startNanos);
        } catch (Error e) {
            // the table must not stay "running" forever when a worker dies of a linkage error or OOM
            failed(spec, new LakesyncException(ErrorCode.INTERNAL_ERROR, "The run died: " + e
                    + ". The table keeps serving its last good version; see the server log.", e), startNanos);
            throw e;
        }
    }

    private Counts snapshot(SyncedTableSpec spec) {
        RunProgress progress = new RunProgress();
        SnapshotSync sync = new SnapshotSync(source, sink, TextPolicy.FAIL, progress);
        table.runStarted(() -> {
            stopRequested = true;
            sync.cancel();
        }, progress);
        SnapshotResult result = sync.run(spec, OptionalLong.empty());
        return new Counts(0, 0, 0, result.rowsWritten());
    }

    private Counts incremental(SyncedTableSpec spec) {
        RunProgress progress = new RunProgress();
        IncrementalSync sync = new IncrementalSync(source, sink, TextPolicy.FAIL, progress,
                settings.maxRowsPerTransaction());
        table.runStarted(() -> {
            stopRequested = true;
            sync.cancel();
        }, progress);
        // the ticker has just seen this version's commit file: no need to load the newest snapshot
        long newest = table.latestKnown();
        SyncReport report = sync.run(spec, newest > table.watermarkVersion() ? OptionalLong.of(newest)
                : OptionalLong.empty());
        long snapshotRows = report.snapshot().map(SnapshotResult::rowsWritten).orElse(0L);
        return new Counts(report.rowsInserted(), report.rowsUpdated(), report.rowsDeleted(), snapshotRows);
    }

    private void failed(SyncedTableSpec spec, LakesyncException e, long startNanos) {
        Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
        if (stopRequested) {
            table.runCancelled();
            LOG.info("{}: run stopped on request; the table keeps its last version", spec.target());
            return;
        }
        Optional<Instant> retry = table.runFailed(e.code(), e.getMessage(), clock.instant(), settings.retry());
        LOG.warn("{}: {} run failed: {}{}", spec.target(), kind.name().toLowerCase(), e.describe(),
                retry.map(at -> "; retrying at " + at).orElse("; no automatic retry (the cause needs a change)"));
        events.runFailed(spec.target(), kind, took, e.code(), e.getMessage(), retry);
    }

    private record Counts(long inserted, long updated, long deleted, long snapshotRows) {
    }
}
