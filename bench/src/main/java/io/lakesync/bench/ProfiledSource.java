package io.lakesync.bench;

import io.lakesync.core.model.RowBatch;
import io.lakesync.core.model.SourceVersion;
import io.lakesync.core.model.TableSchema;
import io.lakesync.core.spi.ChangeSet;
import io.lakesync.core.spi.CloseableIterator;
import io.lakesync.core.spi.CommitInfo;
import io.lakesync.core.spi.SourceSnapshot;
import io.lakesync.core.spi.TableSource;
import java.util.List;
import java.util.OptionalLong;

/**
 * A source that measures the time its batches take to produce (Kernel's reading and decoding) on
 * the thread that pulls them, and that thread's CPU, for the profile of a sync.
 */
final class ProfiledSource implements TableSource {

    private final TableSource delegate;
    volatile long nextWallNanos;
    volatile long readerCpuNanos;

    ProfiledSource(TableSource delegate) {
        this.delegate = delegate;
    }

    @Override
    public String location() {
        return delegate.location();
    }

    @Override
    public SourceVersion latestVersion() {
        return delegate.latestVersion();
    }

    @Override
    public List<CommitInfo> commits(long fromExclusive, long toInclusive) {
        return delegate.commits(fromExclusive, toInclusive);
    }

    @Override
    public ChangeSet changes(long fromExclusive, long toInclusive, List<String> columns) {
        return delegate.changes(fromExclusive, toInclusive, columns);
    }

    @Override
    public SourceSnapshot snapshot(OptionalLong version, List<String> columns) {
        SourceSnapshot snapshot = delegate.snapshot(version, columns);
        return new SourceSnapshot() {
            @Override
            public SourceVersion version() {
                return snapshot.version();
            }

            @Override
            public TableSchema schema() {
                return snapshot.schema();
            }

            @Override
            public OptionalLong estimatedRowCount() {
                return snapshot.estimatedRowCount();
            }

            @Override
            public CloseableIterator<RowBatch> batches() {
                return new TimedIterator(snapshot.batches());
            }
        };
    }

    private final class TimedIterator implements CloseableIterator<RowBatch> {
        private final CloseableIterator<RowBatch> batches;
        private long cpuAtStart = -1;
        private long wall;

        TimedIterator(CloseableIterator<RowBatch> batches) {
            this.batches = batches;
        }

        @Override
        public boolean hasNext() {
            startCpuClock();
            long started = System.nanoTime();
            boolean more = batches.hasNext();
            wall += System.nanoTime() - started;
            return more;
        }

        @Override
        public RowBatch next() {
            startCpuClock();
            long started = System.nanoTime();
            RowBatch batch = batches.next();
            wall += System.nanoTime() - started;
            return batch;
        }

        @Override
        public void close() {
            batches.close();
            nextWallNanos = wall;
            readerCpuNanos = CpuClocks.currentThreadNanos() - cpuAtStart;
        }

        /** The first call comes from the reader thread: its CPU clock starts there. */
        private void startCpuClock() {
            if (cpuAtStart < 0) {
                cpuAtStart = CpuClocks.currentThreadNanos();
            }
        }
    }
}
