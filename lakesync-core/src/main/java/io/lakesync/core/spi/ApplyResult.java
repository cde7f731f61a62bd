package io.lakesync.core.spi;

import io.lakesync.core.model.SourceVersion;

/**
 * What an incremental apply did: rows inserted (new keys), updated (existing keys whose values
 * changed), deleted, and skipped (null key). Upserts that change nothing count in none of them.
 */
public record ApplyResult(SourceVersion version, long rowsInserted, long rowsUpdated, long rowsDeleted,
        long rowsSkipped) {

    public long rowsChanged() {
        return rowsInserted + rowsUpdated + rowsDeleted;
    }
}
