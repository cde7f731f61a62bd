package io.lakesync.client.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/**
 * The last failure of a table that has not succeeded since.
 *
 * @param errorCode the lakesync error code (TARGET_UNAVAILABLE, PRIMARY_KEY_CONSTRAINT_VIOLATION, ...)
 * @param nextRetryAt when the server retries by itself; absent when the error needs a fix first
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LastError(String errorCode, String message, Instant at, Instant nextRetryAt) {
}
