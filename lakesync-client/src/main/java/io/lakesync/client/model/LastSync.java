package io.lakesync.client.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/** The last successful sync: the Delta version it reached, that commit's time, and when the run started and ended. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record LastSync(Long deltaCommitVersion, Instant deltaCommitTimestamp, Instant syncStartTimestamp,
        Instant syncEndTimestamp) {
}
