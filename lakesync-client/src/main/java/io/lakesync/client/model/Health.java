package io.lakesync.client.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** {@code GET /health}: "UP" or "DOWN" for the server and its database, and how many synced tables it manages. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Health(String status, String database, Integer tables) {

    /** Whether the server says it is up. */
    public boolean up() {
        return "UP".equals(status);
    }
}
