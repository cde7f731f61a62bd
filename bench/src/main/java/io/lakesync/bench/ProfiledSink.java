package io.lakesync.bench;

import io.lakesync.core.model.RowBatch;
import io.lakesync.core.model.SyncedTableSpec;
import io.lakesync.core.model.TableName;
import io.lakesync.core.model.TableSchema;
import io.lakesync.core.spi.ApplyPlan;
import io.lakesync.core.spi.Comparison;
import io.lakesync.core.spi.IncrementalApply;
import io.lakesync.core.spi.RunHistory;
import io.lakesync.core.spi.SnapshotLoad;
import io.lakesync.core.spi.SnapshotPlan;
import io.lakesync.core.spi.SnapshotResult;
import io.lakesync.core.spi.TableSink;
import io.lakesync.core.spi.Watermark;
import java.util.Iterator;
import java.util.Optional;

/**
 * A sink that measures its stages for the profile of a sync: opening the load, writing batches
 * (encoding plus sending: wall time in write(), and the writer thread's CPU while loading) and
 * the commit (key, analyze, swap).
 */
final class ProfiledSink implements TableSink {

    private final TableSink delegate;
    long beginStartedAt;
    long beginNanos;
    long writeWallNanos;
    long writeCpuNanos;
    long commitNanos;

    ProfiledSink(TableSink delegate) {
        this.delegate = delegate;
    }

    @Override
    public Optional<Watermark> watermark(TableName target) {
        return delegate.watermark(target);
    }

    @Override
    public Optional<SyncedTableSpec> definition(TableName target) {
        return delegate.definition(target);
    }

    @Override
    public SnapshotLoad beginSnapshot(SnapshotPlan plan) {
        beginStartedAt = System.nanoTime();
        SnapshotLoad load = delegate.beginSnapshot(plan);
        beginNanos = System.nanoTime() - beginStartedAt;
        return new SnapshotLoad() {
            // the writer thread's CPU over the whole loading phase: it only burns CPU inside write()
            private final long cpuAtStart = CpuClocks.currentThreadNanos();

            @Override
            public void write(RowBatch batch) {
                long wall = System.nanoTime();
                load.write(batch);
                writeWallNanos += System.nanoTime() - wall;
            }

            @Override
            public long rowsWritten() {
                return load.rowsWritten();
            }

            @Override
            public SnapshotResult commit() {
                writeCpuNanos = CpuClocks.currentThreadNanos() - cpuAtStart;
                long started = System.nanoTime();
                SnapshotResult result = load.commit();
                commitNanos = System.nanoTime() - started;
                return result;
            }

            @Override
            public void close() {
                load.close();
            }
        };
    }

    @Override
    public IncrementalApply beginApply(ApplyPlan plan) {
        return delegate.beginApply(plan);
    }

    @Override
    public Comparison compare(SyncedTableSpec spec, TableSchema schema, Iterator<RowBatch> rows, int maxKeys) {
        return delegate.compare(spec, schema, rows, maxKeys);
    }

    @Override
    public RunHistory runHistory() {
        return delegate.runHistory();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
