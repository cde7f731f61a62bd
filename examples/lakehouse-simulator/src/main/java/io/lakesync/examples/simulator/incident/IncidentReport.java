package io.lakesync.examples.simulator.incident;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * What the support team was told: the facts of an incident as it arrived, before any model looked
 * at it. Timestamps are kept to the microsecond, Delta's precision, so that a value read back from
 * the table equals the one written.
 */
public record IncidentReport(String incidentId, String title, String description, String customer, String product,
        String category, Priority priority, String channel, Instant createdAt, Instant slaDueAt) {

    public IncidentReport {
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(priority, "priority");
        createdAt = createdAt.truncatedTo(ChronoUnit.MICROS);
        slaDueAt = slaDueAt.truncatedTo(ChronoUnit.MICROS);
        if (!slaDueAt.isAfter(createdAt)) {
            throw new IllegalArgumentException("the SLA of " + incidentId + " is due at " + slaDueAt
                    + ", not after its creation at " + createdAt);
        }
    }

    /** The same report under another id, created at another time, with the same SLA. */
    public IncidentReport renumbered(String id, Instant created) {
        return new IncidentReport(id, title, description, customer, product, category, priority, channel, created,
                created.plus(Duration.between(createdAt, slaDueAt)));
    }
}
