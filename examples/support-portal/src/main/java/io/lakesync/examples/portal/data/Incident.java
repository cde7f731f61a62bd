package io.lakesync.examples.portal.data;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;

/** An incident as the lakehouse scored it: one row of the synced table, read-only for the portal. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record Incident(
        String incidentId,
        String title,
        String description,
        String customer,
        String product,
        String category,
        String priority,
        String channel,
        Instant createdAt,
        Instant slaDueAt,
        Double predictedEscalationRisk,
        String riskBand,
        String recommendedAction,
        List<String> topRiskFactors,
        String modelVersion,
        Instant scoredAt) {

    public Incident {
        topRiskFactors = topRiskFactors == null ? List.of() : List.copyOf(topRiskFactors);
    }
}
