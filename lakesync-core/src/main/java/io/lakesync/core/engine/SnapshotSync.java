package io.lakesync.core.engine;

import io.lakesync.core.error.ErrorCode;
import io.lakesync.core.error.LakesyncException;
import io.lakesync.core.model.SyncMode;
import io.lakesync.core.model.SyncedTableSpec;
import io.lakesync.core.spi.RunHistory;
import io.lakesync.core.spi.RunOutcome;
import io.lakesync.core.spi.SnapshotLoad;
import io.lakesync.core.spi.SnapshotPlan;
import io.lakesync.core.spi.SnapshotResult;
import io.lakesync.core.spi.SourceSnapshot;
import io.lakesync.core.spi.TableSink;
import io.lakesync.core.spi.TableSource;
import io.lakesync.core.spi.TextPolicy;
import java.util.OptionalLong;

/**
 * A full copy of the source at one pinned version into the target (DESIGN §2 SNAPSHOT): read and
 * load overlap through a bounded queue, the sink swaps the new copy in with the watermark in one
 * transaction, and every run, failed or not, is recorded in the run history.
 */
public final class SnapshotSync {

    /** Batches in flight between the reader and the writer; bounds memory to a few batches. */
    private static final int QUEUE_CAPACITY = 8;

    private final TableSource source;
    private final TableSink sink;
    private final TextPolicy textPolicy;
    private final ProgressListener progress;
    private volatile boolean cancelled;

    public SnapshotSync(TableSource source, TableSink sink, TextPolicy textPolicy, ProgressListener progress) {
        this.source = source;
        this.sink = sink;
        this.textPolicy = textPolicy;
        this.progress = progress;
    }

    /** Asks a running sync to stop before it commits; the target stays as it was. */
    public void cancel() {
        cancelled = true;
    }

    /** Syncs {@code spec} at {@code version} (newest when empty). */
    public SnapshotResult run(SyncedTableSpec spec, OptionalLong version) {
        return run(spec, version, 0);
    }

    /**
     * Syncs the newest version because the history after the watermark is gone; the run history
     * counts it as a fallback, so a gap is never silent.
     */
    public SnapshotResult runAsHistoryFallback(SyncedTableSpec spec) {
        return run(spec, OptionalLong.empty(), 1);
    }

    private SnapshotResult run(SyncedTableSpec spec, OptionalLong version, int fallbacks) {
        RunHistory history = sink.runHistory();
        long runId = history.start(spec, SyncMode.SNAPSHOT);
        OptionalLong pinned = OptionalLong.empty();
        long written = 0;
        try {
            SourceSnapshot snapshot = source.snapshot(version, spec.projection());
            pinned = OptionalLong.of(snapshot.version().version());
            KeyColumns.validate(spec, snapshot.schema());
            progress.started(snapshot.version(), snapshot.estimatedRowCount());
            SnapshotResult result;
            try (SnapshotLoad load = sink.beginSnapshot(
                    new SnapshotPlan(spec, snapshot.schema(), snapshot.version(), runId, textPolicy))) {
                new BatchPipeline(QUEUE_CAPACITY).run(snapshot.batches(), batch -> {
                    load.write(batch);
                    progress.progressed(load.rowsWritten());
                }, () -> cancelled);
                written = load.rowsWritten();
                if (cancelled) {
                    throw new LakesyncException(ErrorCode.CANCELLED,
                            "The sync was cancelled before it committed; the target table is unchanged.");
                }
                result = load.commit();
            }
            history.succeeded(runId, new RunOutcome(pinned, pinned, result.rowsWritten(), result.rowsSkipped(),
                    0, 0, 0, fallbacks));
            return result;
        } catch (LakesyncException e) {
            // no to_version: a failed snapshot committed nothing
            FailedRuns.record(history, runId, new RunOutcome(pinned, OptionalLong.empty(), written, 0), e);
            throw e;
        } catch (RuntimeException e) {
            LakesyncException wrapped = new LakesyncException(ErrorCode.INTERNAL_ERROR,
                    "The sync failed unexpectedly: " + e + ". The target table is unchanged. Please report this"
                            + " with the log.", e);
            FailedRuns.record(history, runId, new RunOutcome(pinned, OptionalLong.empty(), written, 0), wrapped);
            throw wrapped;
        } finally {
            progress.finished();
        }
    }
}
