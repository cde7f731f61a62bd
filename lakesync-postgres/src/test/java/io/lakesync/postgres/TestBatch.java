package io.lakesync.postgres;

import io.lakesync.core.model.ColumnValues;
import io.lakesync.core.model.RowBatch;
import io.lakesync.core.model.TableSchema;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** A batch of rows given as Java values, row by row; rows added with {@link Builder#deleted} are not live. */
final class TestBatch implements RowBatch {

    private final ColumnValues[] columns;
    private final boolean[] live;

    private TestBatch(ColumnValues[] columns, boolean[] live) {
        this.columns = columns;
        this.live = live;
    }

    static Builder of(TableSchema schema) {
        return new Builder(schema);
    }

    @Override
    public int rowCount() {
        return live.length;
    }

    @Override
    public boolean isLive(int row) {
        return live[row];
    }

    @Override
    public ColumnValues column(int ordinal) {
        return columns[ordinal];
    }

    static final class Builder {
        private final TableSchema schema;
        private final List<List<Object>> columns = new ArrayList<>();
        private final List<Boolean> live = new ArrayList<>();

        private Builder(TableSchema schema) {
            this.schema = schema;
            for (int i = 0; i < schema.size(); i++) {
                columns.add(new ArrayList<>());
            }
        }

        Builder row(Object... values) {
            return add(true, values);
        }

        /** A row a deletion vector removed: present in the batch, not part of the table. */
        Builder deleted(Object... values) {
            return add(false, values);
        }

        private Builder add(boolean isLive, Object... values) {
            if (values.length != schema.size()) {
                throw new IllegalArgumentException("expected " + schema.size() + " values, got " + Arrays.toString(values));
            }
            for (int i = 0; i < values.length; i++) {
                columns.get(i).add(values[i]);
            }
            live.add(isLive);
            return this;
        }

        TestBatch build() {
            ColumnValues[] values = new ColumnValues[schema.size()];
            for (int i = 0; i < values.length; i++) {
                values[i] = new ObjectValues(schema.get(i).type(), columns.get(i));
            }
            boolean[] flags = new boolean[live.size()];
            for (int i = 0; i < flags.length; i++) {
                flags[i] = live.get(i);
            }
            return new TestBatch(values, flags);
        }
    }
}
