package io.lakesync.examples.simulator.incident;

/** One row of the {@code incidents} table: the report and its latest score. */
public record Incident(IncidentReport report, RiskScore score) {

    public String id() {
        return report.incidentId();
    }

    public Incident withScore(RiskScore newScore) {
        return new Incident(report, newScore);
    }
}
