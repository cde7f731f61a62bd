package io.lakesync.examples.portal.data;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;

/** One line of the incident list: the synced incident joined with the team's state of it. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record IncidentSummary(
        String incidentId,
        String title,
        String customer,
        String product,
        String category,
        String priority,
        String channel,
        Instant createdAt,
        Instant slaDueAt,
        Double predictedEscalationRisk,
        String riskBand,
        String status,
        String owner) {

    public String statusLabel() {
        return Status.labelOf(status);
    }

    /** Past its SLA and not resolved. */
    public boolean slaBreached(Instant now) {
        return slaDueAt != null && slaDueAt.isBefore(now) && !Status.RESOLVED.value().equals(status);
    }
}
