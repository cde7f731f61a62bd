package io.lakesync.client.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/**
 * One change made through the API: who ({@code actor}, the token's name), what ({@code action}:
 * "create", "update", "delete", "sync" or "full-refresh"), on which table, with the request body
 * as sent (a JSON object, or a string).
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditEntry(long id, Instant at, String actor, String action, String target, JsonNode request,
        String remoteAddress) {
}
