package io.lakesync.core.spi;

import io.lakesync.core.model.SourceVersion;
import java.time.Instant;

/** The source version a target table holds, written in the same transaction as the data. */
public record Watermark(SourceVersion version, long rowCount, long runId, Instant syncedAt) {
}
