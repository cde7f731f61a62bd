package io.lakesync.core.model;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The ordered columns of a table, as the source delivers them in each {@link RowBatch}. */
public record TableSchema(List<Column> columns) {

    public TableSchema {
        columns = List.copyOf(columns);
    }

    /** Ordinal of the column with this exact name, or -1. */
    public int indexOf(String name) {
        for (int i = 0; i < columns.size(); i++) {
            if (columns.get(i).name().equals(name)) {
                return i;
            }
        }
        return -1;
    }

    public Optional<Column> find(String name) {
        int i = indexOf(name);
        return i < 0 ? Optional.empty() : Optional.of(columns.get(i));
    }

    public List<String> names() {
        List<String> names = new ArrayList<>(columns.size());
        for (Column c : columns) {
            names.add(c.name());
        }
        return names;
    }

    public int size() {
        return columns.size();
    }

    public Column get(int ordinal) {
        return columns.get(ordinal);
    }
}
