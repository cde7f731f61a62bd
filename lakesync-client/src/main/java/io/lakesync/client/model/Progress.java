package io.lakesync.client.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * How far the running load is, present only while a run loads rows.
 *
 * @param completion synced / total, from 0.0 to 1.0
 * @param estimatedCompletionSeconds seconds left at the current speed, absent until it can be estimated
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Progress(Long syncedRowCount, Long totalRowCount, Double completion, Long estimatedCompletionSeconds) {
}
