package io.lakesync.client.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * The body of every error answer: a stable code (INVALID_PARAMETER_VALUE, UNAUTHENTICATED,
 * RESOURCE_DOES_NOT_EXIST, RESOURCE_ALREADY_EXISTS, TEMPORARILY_UNAVAILABLE, INTERNAL_ERROR) and a
 * message that says what is wrong and how to fix it.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiError(String errorCode, String message) {
}
