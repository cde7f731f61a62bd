package io.lakesync.examples.simulator;

import io.lakesync.examples.simulator.incident.Incident;
import io.lakesync.examples.simulator.incident.IncidentReport;
import io.lakesync.examples.simulator.incident.RiskModel;
import io.lakesync.examples.simulator.incident.RiskScore;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;

/**
 * Scores an incident against the rest of the table: the model needs to know how many other
 * incidents the same customer opened about the same product in the day before (repeated contact
 * about one product predicts escalation).
 */
final class Scoring {

    private static final Duration REPEAT_WINDOW = Duration.ofHours(24);

    private final RiskModel model;
    private String modelVersion;

    Scoring(RiskModel model, String modelVersion) {
        this.model = model;
        this.modelVersion = modelVersion;
    }

    String modelVersion() {
        return modelVersion;
    }

    /** A retrained model was deployed; returns its version. */
    String deployNextModel() {
        modelVersion = RiskModel.nextVersion(modelVersion);
        return modelVersion;
    }

    /** Adopts the version a restarted table was last scored with, when it is newer. */
    void continueFrom(Collection<Incident> incidents) {
        incidents.stream().map(i -> i.score().modelVersion()).max(Scoring::compareVersions)
                .filter(v -> compareVersions(v, modelVersion) > 0).ifPresent(v -> modelVersion = v);
    }

    /** @param others the other incidents in the table (the report itself may be among them) */
    RiskScore score(IncidentReport report, Collection<IncidentReport> others, Instant now) {
        return model.score(report, recentFromSameCustomer(report, others), now, modelVersion);
    }

    private static int recentFromSameCustomer(IncidentReport report, Collection<IncidentReport> others) {
        Instant from = report.createdAt().minus(REPEAT_WINDOW);
        int n = 0;
        for (IncidentReport o : others) {
            if (!o.incidentId().equals(report.incidentId()) && o.customer().equals(report.customer())
                    && o.product().equals(report.product()) && !o.createdAt().isBefore(from) && !o.createdAt().isAfter(report.createdAt())) {
                n++;
            }
        }
        return n;
    }

    /** Orders versions like escalation-gbm-2026.11.3 by their numbers, not as text (11.10 after 11.9). */
    static int compareVersions(String a, String b) {
        String[] pa = a.split("[.-]");
        String[] pb = b.split("[.-]");
        for (int i = 0; i < Math.min(pa.length, pb.length); i++) {
            int c = pa[i].matches("\\d+") && pb[i].matches("\\d+")
                    ? Long.compare(Long.parseLong(pa[i]), Long.parseLong(pb[i])) : pa[i].compareTo(pb[i]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(pa.length, pb.length);
    }
}
