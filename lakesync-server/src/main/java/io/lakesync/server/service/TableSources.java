package io.lakesync.server.service;

import io.lakesync.core.model.SyncedTableSpec;
import io.lakesync.core.model.TableName;
import io.lakesync.core.spi.TableSource;
import io.lakesync.delta.DeltaTableSource;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Delta source of each table, opened once and kept (opening checks the table is there; a
 * table whose source is missing fails its run and is opened again on the next attempt).
 */
final class TableSources {

    private final ConcurrentHashMap<String, TableSource> open = new ConcurrentHashMap<>();

    TableSource of(SyncedTableSpec spec) {
        return open.computeIfAbsent(spec.target().toString(), name -> open(spec));
    }

    void forget(TableName name) {
        open.remove(name.toString());
    }

    /** Deletes need only the key: removed files are then read by their key columns alone. */
    static TableSource open(SyncedTableSpec spec) {
        return DeltaTableSource.open(spec.source()).withKeyColumns(spec.primaryKey());
    }
}
