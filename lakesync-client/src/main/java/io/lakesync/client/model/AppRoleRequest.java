package io.lakesync.client.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/**
 * {@code POST /api/2.0/database/app_roles}: a login role for an application that may read the
 * synced tables {@code read_tables} (SELECT only) and owns the schema {@code state_schema}
 * (default: its name) for its own tables.
 *
 * @param name a lowercase identifier, for example support_portal
 * @param readTables synced tables, each SCHEMA.TABLE
 * @param stateSchema optional; the role's name when absent
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AppRoleRequest(String name, List<String> readTables, String stateSchema) {
}
