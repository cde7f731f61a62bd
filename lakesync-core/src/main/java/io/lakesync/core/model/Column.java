package io.lakesync.core.model;

import java.util.Objects;

/** A named, typed column of a source table or of a nested struct. */
public record Column(String name, ColumnType type, boolean nullable) {
    public Column {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
    }
}
