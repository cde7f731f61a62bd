package io.lakesync.postgres;

import io.lakesync.core.error.ErrorCode;
import io.lakesync.core.error.LakesyncException;
import io.lakesync.core.model.RowBatch;
import io.lakesync.core.model.SourceVersion;
import io.lakesync.core.model.TableSchema;
import io.lakesync.core.spi.ChangeBatch;
import io.lakesync.core.spi.ChangeKind;
import io.lakesync.core.spi.ChangeSet;
import io.lakesync.core.spi.CloseableIterator;
import io.lakesync.core.spi.CommitInfo;
import io.lakesync.core.spi.SourceSnapshot;
import io.lakesync.core.spi.TableSource;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;

/**
 * A source table held in memory, version by version, for driving the engine against the real sink
 * without a Delta table: each version is the table's whole content; the changes of a version are
 * derived by key (the first column) from the one before it, as a file-level diff would give them.
 * Versions before {@link #vacuumBefore} can no longer be read incrementally (HISTORY_UNAVAILABLE).
 */
final class MemorySource implements TableSource {

    private final TableSchema schema;
    private final List<List<Object[]>> versions = new ArrayList<>();
    private long vacuumedBefore;

    MemorySource(TableSchema schema) {
        this.schema = schema;
    }

    /** Commits the next version with exactly these rows. */
    MemorySource commit(Object[]... rows) {
        versions.add(List.of(rows));
        return this;
    }

    /** The changes into versions before {@code version} are gone, as after a VACUUM. */
    void vacuumBefore(long version) {
        vacuumedBefore = version;
    }

    @Override
    public String location() {
        return "memory:" + System.identityHashCode(this);
    }

    @Override
    public SourceVersion latestVersion() {
        return version(versions.size() - 1);
    }

    private static SourceVersion version(long v) {
        return new SourceVersion(v, Instant.parse("2024-05-01T10:00:00Z").plusSeconds(v));
    }

    @Override
    public SourceSnapshot snapshot(OptionalLong version, List<String> columns) {
        long v = version.orElse(latestVersion().version());
        TableSchema projected = columns.isEmpty() ? schema
                : new TableSchema(columns.stream().map(c -> schema.find(c).orElseThrow()).toList());
        TestBatch.Builder batch = TestBatch.of(projected);
        for (Object[] row : versions.get((int) v)) {
            batch.row(projected.names().stream().map(c -> row[schema.indexOf(c)]).toArray());
        }
        RowBatch rows = batch.build();
        return new SourceSnapshot() {
            @Override
            public SourceVersion version() {
                return MemorySource.version(v);
            }

            @Override
            public TableSchema schema() {
                return projected;
            }

            @Override
            public OptionalLong estimatedRowCount() {
                return OptionalLong.of(rows.rowCount());
            }

            @Override
            public CloseableIterator<RowBatch> batches() {
                return iterator(List.of(rows));
            }
        };
    }

    @Override
    public List<CommitInfo> commits(long fromExclusive, long toInclusive) {
        requireHistory(fromExclusive);
        List<CommitInfo> commits = new ArrayList<>();
        for (long v = fromExclusive + 1; v <= toInclusive; v++) {
            commits.add(new CommitInfo(version(v), versions.get((int) v).size(), false));
        }
        return commits;
    }

    @Override
    public ChangeSet changes(long fromExclusive, long toInclusive, List<String> columns) {
        if (!columns.isEmpty() && !columns.equals(schema.names())) {
            throw new UnsupportedOperationException("the memory source reads changes of all columns only");
        }
        requireHistory(fromExclusive);
        List<ChangeBatch> batches = new ArrayList<>();
        for (long v = fromExclusive + 1; v <= toInclusive; v++) {
            batches.addAll(diff(v));
        }
        return new ChangeSet() {
            @Override
            public SourceVersion toVersion() {
                return version(toInclusive);
            }

            @Override
            public TableSchema schema() {
                return schema;
            }

            @Override
            public CloseableIterator<ChangeBatch> batches() {
                return iterator(batches);
            }
        };
    }

    private void requireHistory(long fromExclusive) {
        if (fromExclusive + 1 < vacuumedBefore) {
            throw new LakesyncException(ErrorCode.HISTORY_UNAVAILABLE, "versions before " + vacuumedBefore
                    + " were vacuumed");
        }
    }

    /** Version {@code v} against the one before, by key: new or changed rows, removed keys. */
    private List<ChangeBatch> diff(long v) {
        Map<Object, Object[]> before = byKey(versions.get((int) v - 1));
        Map<Object, Object[]> after = byKey(versions.get((int) v));
        TestBatch.Builder upserts = TestBatch.of(schema);
        TestBatch.Builder deletes = TestBatch.of(schema);
        for (Map.Entry<Object, Object[]> row : after.entrySet()) {
            if (!Arrays.equals(row.getValue(), before.get(row.getKey()))) {
                upserts.row(row.getValue());
            }
        }
        for (Object key : before.keySet()) {
            if (!after.containsKey(key)) {
                Object[] keyOnly = new Object[schema.size()];
                keyOnly[0] = key;
                deletes.row(keyOnly);
            }
        }
        return List.of(new ChangeBatch(v, ChangeKind.UPSERT, upserts.build()),
                new ChangeBatch(v, ChangeKind.DELETE, deletes.build()));
    }

    private static Map<Object, Object[]> byKey(List<Object[]> rows) {
        Map<Object, Object[]> keyed = new LinkedHashMap<>();
        for (Object[] row : rows) {
            if (row[0] != null) { // rows with a null key never reach the target
                keyed.put(row[0], row);
            }
        }
        return keyed;
    }

    private static <T> CloseableIterator<T> iterator(List<T> items) {
        Iterator<T> it = items.iterator();
        return new CloseableIterator<>() {
            @Override
            public boolean hasNext() {
                return it.hasNext();
            }

            @Override
            public T next() {
                return it.next();
            }

            @Override
            public void close() {
            }
        };
    }
}
