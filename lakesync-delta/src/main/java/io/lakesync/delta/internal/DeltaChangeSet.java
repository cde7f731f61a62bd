package io.lakesync.delta.internal;

import io.delta.kernel.engine.Engine;
import io.lakesync.core.model.SourceVersion;
import io.lakesync.core.model.TableSchema;
import io.lakesync.core.spi.ChangeBatch;
import io.lakesync.core.spi.ChangeSet;
import io.lakesync.core.spi.CloseableIterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * The row changes of the commits after one version up to another, read with the end version's
 * schema and projection. Nothing is read until {@link #batches()} is called; every call reads the
 * range again.
 */
public final class DeltaChangeSet implements ChangeSet {

    private final DeltaSnapshot end;
    private final ChangeReads reads; // null for an empty range

    private DeltaChangeSet(DeltaSnapshot end, ChangeReads reads) {
        this.end = end;
        this.reads = reads;
    }

    /**
     * The changes after {@code fromExclusive} up to {@code end}'s version; deletes are read with
     * only {@code keyColumns} (the other columns null) when they are given and all among the read
     * columns. The caller checked with {@link CommitHistory} that the commits are there.
     */
    public static DeltaChangeSet of(Engine engine, TableLocation location, long fromExclusive, DeltaSnapshot end,
            List<String> keyColumns) {
        return new DeltaChangeSet(end, new ChangeReads(engine, location, fromExclusive, end, keyColumns));
    }

    /** No changes: the target stays at {@code at}. */
    public static DeltaChangeSet empty(DeltaSnapshot at) {
        return new DeltaChangeSet(at, null);
    }

    @Override
    public SourceVersion toVersion() {
        return end.version();
    }

    @Override
    public TableSchema schema() {
        return end.schema();
    }

    @Override
    public CloseableIterator<ChangeBatch> batches() {
        if (reads == null) {
            return new CloseableIterator<>() {
                @Override
                public boolean hasNext() {
                    return false;
                }

                @Override
                public ChangeBatch next() {
                    throw new NoSuchElementException();
                }

                @Override
                public void close() {
                }
            };
        }
        return new ChangeBatches(reads);
    }
}
