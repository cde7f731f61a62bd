package io.lakesync.delta;

import io.lakesync.core.model.ColumnType;
import io.lakesync.core.model.RowBatch;
import io.lakesync.core.model.TableSchema;
import io.lakesync.core.spi.ChangeBatch;
import io.lakesync.core.spi.ChangeKind;
import io.lakesync.core.spi.ChangeSet;
import io.lakesync.core.spi.CloseableIterator;
import io.lakesync.testkit.delta.RowBatchValues;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Applies a change set to rows held in memory, the way the sink applies it to a table: per key the
 * last version wins, and within one version an UPSERT wins over a DELETE. Two UPSERTs of one key in
 * one version fail (the fixture tables have unique keys).
 */
final class ChangeReplay {

    private final String key;
    private final Map<Object, Object[]> rows = new LinkedHashMap<>();
    private TableSchema schema;
    /** Counts of change rows seen, by kind. */
    long upserts;
    long deletes;

    /** Rows of {@code schema}, keyed by column {@code key}. */
    ChangeReplay(String key, TableSchema schema, List<Object[]> start) {
        this.key = key;
        this.schema = schema;
        int k = schema.indexOf(key);
        for (Object[] row : start) {
            rows.put(row[k], row);
        }
    }

    /**
     * Applies the set. The kept rows are first brought to the set's schema by column name
     * ({@code renamed} maps a new name to its old one), with added columns null and widened values
     * widened.
     */
    ChangeReplay apply(ChangeSet changes, Map<String, String> renamed) {
        reshape(changes.schema(), renamed);
        int k = schema.indexOf(key);
        long version = Long.MIN_VALUE;
        Map<Object, Object[]> pending = new HashMap<>(); // key -> row, or DELETED
        try (CloseableIterator<ChangeBatch> batches = changes.batches()) {
            while (batches.hasNext()) {
                ChangeBatch batch = batches.next();
                if (batch.version() < version) {
                    throw new AssertionError("version " + batch.version() + " after version " + version);
                }
                if (batch.version() != version) {
                    flush(pending);
                    version = batch.version();
                }
                for (Object[] row : liveRows(batch.rows())) {
                    Object id = row[k];
                    if (batch.kind() == ChangeKind.UPSERT) {
                        upserts++;
                        Object[] earlier = pending.put(id, row);
                        if (earlier != null && earlier != DELETED) {
                            throw new AssertionError("version " + version + " upserts key " + id + " twice");
                        }
                    } else {
                        deletes++;
                        pending.putIfAbsent(id, DELETED);
                    }
                }
            }
        }
        flush(pending);
        return this;
    }

    List<Object[]> rows() {
        return new ArrayList<>(rows.values());
    }

    private static final Object[] DELETED = new Object[0];

    private void flush(Map<Object, Object[]> pending) {
        for (Map.Entry<Object, Object[]> change : pending.entrySet()) {
            if (change.getValue() == DELETED) {
                rows.remove(change.getKey());
            } else {
                rows.put(change.getKey(), change.getValue());
            }
        }
        pending.clear();
    }

    private List<Object[]> liveRows(RowBatch batch) {
        return RowBatchValues.rows(schema, batch);
    }

    private void reshape(TableSchema target, Map<String, String> renamed) {
        if (target.equals(schema)) {
            return;
        }
        int[] from = new int[target.size()];
        for (int i = 0; i < from.length; i++) {
            String name = target.get(i).name();
            from[i] = schema.indexOf(renamed.getOrDefault(name, name));
        }
        for (Map.Entry<Object, Object[]> entry : rows.entrySet()) {
            Object[] old = entry.getValue();
            Object[] row = new Object[from.length];
            for (int i = 0; i < row.length; i++) {
                row[i] = from[i] < 0 ? null : widen(old[from[i]], target.get(i).type());
            }
            entry.setValue(row);
        }
        schema = target;
    }

    private static Object widen(Object value, ColumnType type) {
        if (type.equals(ColumnType.LONG) && value instanceof Number n && !(value instanceof Long)) {
            return n.longValue();
        }
        if (type.equals(ColumnType.INT) && (value instanceof Short || value instanceof Byte)) {
            return ((Number) value).intValue();
        }
        if (type.equals(ColumnType.DOUBLE) && value instanceof Float f) {
            return f.doubleValue();
        }
        return value;
    }
}
