package io.lakesync.examples.simulator.incident;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

/** What the escalation model said about an incident, and which model said it when. */
public record RiskScore(double risk, RiskBand band, String recommendedAction, List<String> topRiskFactors,
        String modelVersion, Instant scoredAt) {

    public RiskScore {
        if (!(risk >= 0 && risk <= 1)) {
            throw new IllegalArgumentException("a risk is a probability in [0, 1], got " + risk);
        }
        if (band != RiskBand.of(risk)) {
            throw new IllegalArgumentException("risk " + risk + " is in band " + RiskBand.of(risk) + ", not " + band);
        }
        topRiskFactors = List.copyOf(topRiskFactors);
        scoredAt = scoredAt.truncatedTo(ChronoUnit.MICROS);
    }
}
