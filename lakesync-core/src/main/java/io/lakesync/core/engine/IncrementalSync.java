package io.lakesync.core.engine;

import io.lakesync.core.error.ErrorCode;
import io.lakesync.core.error.LakesyncException;
import io.lakesync.core.model.SyncMode;
import io.lakesync.core.model.SyncedTableSpec;
import io.lakesync.core.spi.ApplyPlan;
import io.lakesync.core.spi.ApplyResult;
import io.lakesync.core.spi.ChangeSet;
import io.lakesync.core.spi.CommitInfo;
import io.lakesync.core.spi.IncrementalApply;
import io.lakesync.core.spi.RunHistory;
import io.lakesync.core.spi.RunOutcome;
import io.lakesync.core.spi.SnapshotResult;
import io.lakesync.core.spi.TableSink;
import io.lakesync.core.spi.TableSource;
import io.lakesync.core.spi.TextPolicy;
import io.lakesync.core.spi.Watermark;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One TRIGGERED sync (DESIGN §2): a snapshot the first time; afterwards only the changes of the
 * versions after the watermark up to the newest, applied in transactions that each end on a
 * version boundary and move the watermark with the data (exactly once). When the history after
 * the watermark is gone, it falls back to a full snapshot, logged and counted.
 */
public final class IncrementalSync {

    private static final Logger LOG = LoggerFactory.getLogger(IncrementalSync.class);

    /** Change rows per transaction before a backlog is split (see {@link ChunkPlanner}). */
    public static final long DEFAULT_MAX_ROWS_PER_TRANSACTION = 1_000_000;

    private static final int QUEUE_CAPACITY = 8;

    private final TableSource source;
    private final TableSink sink;
    private final TextPolicy textPolicy;
    private final ProgressListener progress;
    private final long maxRowsPerTransaction;
    private volatile boolean cancelled;
    private volatile SnapshotSync runningSnapshot;

    public IncrementalSync(TableSource source, TableSink sink, TextPolicy textPolicy, ProgressListener progress,
            long maxRowsPerTransaction) {
        this.source = source;
        this.sink = sink;
        this.textPolicy = textPolicy;
        this.progress = progress;
        this.maxRowsPerTransaction = maxRowsPerTransaction;
    }

    /** Asks a running sync to stop; an apply in flight rolls back, the target keeps its last version. */
    public void cancel() {
        cancelled = true;
        SnapshotSync snapshot = runningSnapshot;
        if (snapshot != null) {
            snapshot.cancel();
        }
    }

    public boolean isCancelled() {
        return cancelled;
    }

    /** Brings the target up to the newest source version. */
    public SyncReport run(SyncedTableSpec spec) {
        return run(spec, OptionalLong.empty());
    }

    /**
     * Brings the target up to {@code newestKnown}, when the caller has just seen that version
     * committed (a watcher that probes commit files), else to the newest version. Saves loading the
     * table's newest snapshot, which costs a listing of its whole log; later versions are the next
     * run's work.
     */
    public SyncReport run(SyncedTableSpec spec, OptionalLong newestKnown) {
        Optional<Watermark> watermark = sink.watermark(spec.target());
        if (watermark.isEmpty()) {
            return SyncReport.snapshot(SyncReport.Kind.SNAPSHOT, snapshot(spec, false));
        }
        requireSameKey(spec);
        long from = watermark.get().version().version();
        long latest = newestKnown.isPresent() ? newestKnown.getAsLong() : source.latestVersion().version();
        if (latest <= from) {
            return SyncReport.upToDate(from);
        }
        try {
            return applyCommits(spec, from, source.commits(from, latest));
        } catch (LakesyncException e) {
            if (e.code() != ErrorCode.HISTORY_UNAVAILABLE) {
                throw e;
            }
            // commits() finds a cleaned-up log; a vacuumed data file shows only when it is read
            LOG.warn("{}: versions after {} can no longer be read ({}); taking a full snapshot instead",
                    spec.target(), from, e.getMessage());
            return SyncReport.snapshot(SyncReport.Kind.HISTORY_FALLBACK_SNAPSHOT, snapshot(spec, true));
        }
    }

    private SnapshotResult snapshot(SyncedTableSpec spec, boolean fallback) {
        SnapshotSync snapshot = new SnapshotSync(source, sink, textPolicy, progress);
        runningSnapshot = snapshot;
        if (cancelled) {
            snapshot.cancel();
        }
        try {
            return fallback ? snapshot.runAsHistoryFallback(spec) : snapshot.run(spec, OptionalLong.empty());
        } finally {
            runningSnapshot = null;
        }
    }

    private SyncReport applyCommits(SyncedTableSpec spec, long from, List<CommitInfo> commits) {
        RunHistory history = sink.runHistory();
        long runId = history.start(spec, spec.mode());
        SyncReport report = new SyncReport(SyncReport.Kind.INCREMENTAL, from, from, Optional.empty(), 0, 0, 0, 0, 0);
        try {
            long at = from;
            for (long end : ChunkPlanner.plan(commits, maxRowsPerTransaction)) {
                ApplyResult applied = applyRange(spec, at, end, runId);
                report = report.plus(applied);
                at = end;
            }
            history.succeeded(runId, outcome(report));
            return report;
        } catch (LakesyncException e) {
            FailedRuns.record(history, runId, outcome(report), e);
            throw e;
        } catch (RuntimeException e) {
            LakesyncException wrapped = new LakesyncException(ErrorCode.INTERNAL_ERROR, "Applying changes failed"
                    + " unexpectedly: " + e + ". The target table stays at version " + report.toVersion()
                    + ". Please report this with the log.", e);
            FailedRuns.record(history, runId, outcome(report), wrapped);
            throw wrapped;
        }
    }

    private ApplyResult applyRange(SyncedTableSpec spec, long from, long to, long runId) {
        ChangeSet changes = source.changes(from, to, spec.projection());
        KeyColumns.validate(spec, changes.schema());
        try (IncrementalApply apply = sink.beginApply(
                new ApplyPlan(spec, changes.schema(), from, changes.toVersion(), runId, textPolicy))) {
            new BatchPipeline(QUEUE_CAPACITY).run(changes.batches(), apply::write, () -> cancelled);
            if (cancelled) {
                throw new LakesyncException(ErrorCode.CANCELLED, "The sync was cancelled before version " + to
                        + " committed; the target table stays at version " + from + ".");
            }
            return apply.commit();
        }
    }

    /** A different key than the table was created with cannot be followed incrementally. */
    private void requireSameKey(SyncedTableSpec spec) {
        sink.definition(spec.target()).ifPresent(stored -> {
            if (!stored.primaryKey().equals(spec.primaryKey())) {
                throw new LakesyncException(ErrorCode.SCHEMA_CHANGE_REQUIRES_FULL_REFRESH, "Table " + spec.target()
                        + " was synced with primary key " + stored.primaryKey() + ", not " + spec.primaryKey()
                        + ". Changing the key needs a full refresh: run `lakesync sync --mode snapshot` with the"
                        + " new key.");
            }
        });
    }

    private static RunOutcome outcome(SyncReport report) {
        // to_version only for committed work: a run whose first transaction failed applied nothing
        OptionalLong to = report.transactions() > 0 ? OptionalLong.of(report.toVersion()) : OptionalLong.empty();
        return new RunOutcome(OptionalLong.of(report.fromVersion()), to,
                report.rowsInserted() + report.rowsUpdated() + report.rowsDeleted(), report.rowsSkipped(),
                report.rowsInserted(), report.rowsUpdated(), report.rowsDeleted(), 0);
    }
}
