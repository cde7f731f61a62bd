package io.lakesync.examples.portal.data;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/** One message in an incident's thread. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Comment(long id, String author, String body, Instant createdAt) {
}
