package io.lakesync.core.spi;

import io.lakesync.core.model.SourceVersion;
import io.lakesync.core.model.SyncedTableSpec;
import io.lakesync.core.model.TableSchema;

/**
 * Everything a sink needs to apply the changes of a version range to a synced table: the table,
 * the source schema at the end of the range (the sink adds new columns and widens types to match,
 * or refuses other schema changes), the watermark version the target must be at, the version it
 * moves to, and the run.
 */
public record ApplyPlan(SyncedTableSpec spec, TableSchema schema, long fromVersion, SourceVersion toVersion,
        long runId, TextPolicy textPolicy) {
}
