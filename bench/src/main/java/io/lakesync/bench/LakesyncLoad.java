package io.lakesync.bench;

import io.lakesync.core.engine.ProgressListener;
import io.lakesync.core.engine.SnapshotSync;
import io.lakesync.core.model.SyncMode;
import io.lakesync.core.model.SyncedTableSpec;
import io.lakesync.core.model.TableName;
import io.lakesync.core.spi.SnapshotResult;
import io.lakesync.core.spi.TableSink;
import io.lakesync.core.spi.TableSource;
import io.lakesync.core.spi.TextPolicy;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** One lakesync snapshot sync of the benchmark table into a fresh target, timed as a whole. */
final class LakesyncLoad {

    /** What a timed sync did. */
    record Outcome(long nanos, SnapshotResult result) {
    }

    private final TableSource source;
    private final TableSink sink;

    LakesyncLoad(TableSource source, TableSink sink) {
        this.source = source;
        this.sink = sink;
    }

    /** Syncs the newest version into {@code target}: read, load, key, analyze, swap, watermark. */
    Outcome run(TableName target) {
        SyncedTableSpec spec = new SyncedTableSpec(source.location(), target, List.of(BenchTableShape.KEY),
                Optional.empty(), SyncMode.SNAPSHOT, List.of());
        SnapshotSync sync = new SnapshotSync(source, sink, TextPolicy.FAIL, ProgressListener.NONE);
        long started = System.nanoTime();
        SnapshotResult result = sync.run(spec, OptionalLong.empty());
        return new Outcome(System.nanoTime() - started, result);
    }
}
