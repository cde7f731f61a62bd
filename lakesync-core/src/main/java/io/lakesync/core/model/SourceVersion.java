package io.lakesync.core.model;

import java.time.Instant;

/** One version of a source table and the time it was committed. */
public record SourceVersion(long version, Instant commitTimestamp) {
}
