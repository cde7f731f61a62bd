package io.lakesync.postgres.catalog;

import java.time.Instant;

/** One change recorded in the audit log; {@code target}, {@code requestJson} and {@code remoteAddress} may be null. */
public record AuditEntry(long id, Instant at, String actor, String action, String target, String requestJson,
        String remoteAddress) {
}
