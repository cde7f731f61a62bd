package io.lakesync.postgres.roles;

import io.lakesync.core.model.TableName;
import java.time.Instant;
import java.util.List;

/**
 * An app role as the catalog knows it.
 *
 * @param name the PostgreSQL role
 * @param stateSchema the schema it owns for its own tables
 * @param readable the synced tables it was granted (kept in the catalog, given again on each swap)
 * @param createdAt when lakesync created it
 * @param createdBy who asked (the audit actor, e.g. {@code cli:alice} or an API token's name)
 * @param roleExists false when the role was dropped outside lakesync; {@code roles drop} then
 *     forgets it
 */
public record AppRoleInfo(String name, String stateSchema, List<TableName> readable, Instant createdAt,
        String createdBy, boolean roleExists) {

    public AppRoleInfo {
        readable = List.copyOf(readable);
    }
}
