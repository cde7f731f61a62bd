package io.lakesync.core.spi;

import io.lakesync.core.model.SourceVersion;

/**
 * One source commit after the watermark: its version and time, an estimate of the change rows
 * reading it produces (for sizing transactions; 0 for commits that change no rows, such as
 * OPTIMIZE or a metadata change), and whether the commit changed the table schema.
 */
public record CommitInfo(SourceVersion version, long estimatedChangeRows, boolean schemaChanged) {
}
