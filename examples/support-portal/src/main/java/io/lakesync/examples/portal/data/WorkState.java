package io.lakesync.examples.portal.data;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/**
 * The team's state of an incident: {@code portal.incident_state}. An incident nobody touched yet has
 * no row; it is open and unassigned ({@link #untouched()}), with no update time.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record WorkState(String status, String owner, Instant updatedAt, String updatedBy) {

    public static WorkState untouched() {
        return new WorkState(Status.OPEN.value(), null, null, null);
    }

    public String statusLabel() {
        return Status.labelOf(status);
    }
}
