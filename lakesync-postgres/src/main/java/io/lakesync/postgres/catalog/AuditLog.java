package io.lakesync.postgres.catalog;

import java.util.OptionalLong;

/** {@code lakesync.audit_log}: every change made through the service, who made it and from where. */
public interface AuditLog {

    /**
     * Records one change.
     *
     * @param actor who made it (the API token's name)
     * @param action what it was, e.g. "CREATE" or "SYNC"
     * @param target what it was done to, usually a synced table's name; may be null
     * @param requestJson the request, as JSON; text that is not JSON is kept as a JSON string; may be null
     * @param remoteAddress where the request came from; may be null
     */
    void append(String actor, String action, String target, String requestJson, String remoteAddress);

    /** At most {@code pageSize} (1 to 1000) entries older than {@code beforeId} (all when empty), newest first. */
    AuditPage page(int pageSize, OptionalLong beforeId);
}
