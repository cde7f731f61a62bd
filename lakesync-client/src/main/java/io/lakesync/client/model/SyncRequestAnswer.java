package io.lakesync.client.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The answer to "sync now" or "full refresh": {@code accepted} is false when a run of the table
 * is already going (a table never runs twice at once); {@code message} says which.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SyncRequestAnswer(String name, boolean accepted, String message) {
}
