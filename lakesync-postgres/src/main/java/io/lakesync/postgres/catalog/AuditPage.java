package io.lakesync.postgres.catalog;

import java.util.List;
import java.util.OptionalLong;

/** Audit entries, newest first; {@code nextBeforeId} fetches the next (older) page, empty on the last. */
public record AuditPage(List<AuditEntry> entries, OptionalLong nextBeforeId) {

    public AuditPage {
        entries = List.copyOf(entries);
    }
}
