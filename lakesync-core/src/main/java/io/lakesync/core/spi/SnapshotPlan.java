package io.lakesync.core.spi;

import io.lakesync.core.model.SourceVersion;
import io.lakesync.core.model.SyncedTableSpec;
import io.lakesync.core.model.TableSchema;

/** Everything a sink needs to load one full copy of a source version. */
public record SnapshotPlan(SyncedTableSpec spec, TableSchema schema, SourceVersion version, long runId,
        TextPolicy textPolicy) {
}
