package io.lakesync.core.spi;

import io.lakesync.core.model.SourceVersion;

/**
 * What a committed snapshot did. {@code rowsWritten} counts rows in the target after the swap;
 * {@code rowsSkipped} rows with a null key; {@code duplicatesResolved} rows dropped because a
 * newer row (by timeseries key) had the same key; {@code textValuesReplaced} strings whose NUL
 * bytes were replaced.
 */
public record SnapshotResult(SourceVersion version, long rowsWritten, long rowsSkipped, long duplicatesResolved,
        long textValuesReplaced) {
}
