package io.lakesync.core.engine;

import io.lakesync.core.error.ErrorCode;
import io.lakesync.core.error.LakesyncException;
import io.lakesync.core.model.SourceVersion;
import io.lakesync.core.model.SyncedTableSpec;
import io.lakesync.core.model.TableName;
import io.lakesync.core.spi.CloseableIterator;
import io.lakesync.core.spi.Comparison;
import io.lakesync.core.spi.SourceSnapshot;
import io.lakesync.core.spi.TableSink;
import io.lakesync.core.spi.TableSource;
import io.lakesync.core.spi.Watermark;
import io.lakesync.core.model.RowBatch;
import java.util.OptionalLong;

/**
 * Compares a synced table with its source exactly: the source at a version (by default the one
 * the watermark says the target holds) against the target, with the synced table's own key,
 * timeseries key and column subset.
 */
public final class Verification {

    private final TableSource source;
    private final TableSink sink;

    public Verification(TableSource source, TableSink sink) {
        this.source = source;
        this.sink = sink;
    }

    /** The outcome of one verification: which version was compared and what differs. */
    public record Result(TableName target, SourceVersion version, Comparison comparison) {
    }

    public Result run(TableName target, OptionalLong version, int maxKeys) {
        SyncedTableSpec spec = sink.definition(target).orElseThrow(() -> notSynced(target));
        long pinned;
        if (version.isPresent()) {
            pinned = version.getAsLong();
        } else {
            Watermark watermark = sink.watermark(target).orElseThrow(() -> notSynced(target));
            pinned = watermark.version().version();
        }
        SourceSnapshot snapshot = source.snapshot(OptionalLong.of(pinned), spec.projection());
        KeyColumns.validate(spec, snapshot.schema());
        try (CloseableIterator<RowBatch> rows = snapshot.batches()) {
            Comparison comparison = sink.compare(spec, snapshot.schema(), rows, maxKeys);
            return new Result(target, snapshot.version(), comparison);
        }
    }

    private static LakesyncException notSynced(TableName target) {
        return new LakesyncException(ErrorCode.NOT_SYNCED, "Table " + target + " has never been synced by lakesync,"
                + " so there is nothing to verify. Run `lakesync sync --target " + target + " ...` first, or check"
                + " --target and --jdbc-url.");
    }
}
