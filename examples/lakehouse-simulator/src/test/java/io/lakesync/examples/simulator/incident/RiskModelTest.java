package io.lakesync.examples.simulator.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class RiskModelTest {

    private static final Instant NOW = Instant.parse("2026-11-20T09:30:00Z");
    private static final String MODEL = "escalation-gbm-2026.11.3";

    private static IncidentReport report(Priority priority, String customer, String channel, String title,
            String description, Instant createdAt) {
        Customer.Tier tier = SupportCatalog.customer(customer).orElseThrow().tier();
        return new IncidentReport("INC-004001", title, description, customer, "API Gateway", "Outage", priority,
                channel, createdAt, createdAt.plus(priority.sla(tier)));
    }

    @Test
    void bandsFollowTheThresholds() {
        assertEquals(RiskBand.LOW, RiskBand.of(0.3999));
        assertEquals(RiskBand.MEDIUM, RiskBand.of(0.4));
        assertEquals(RiskBand.MEDIUM, RiskBand.of(0.6999));
        assertEquals(RiskBand.HIGH, RiskBand.of(0.7));
        assertEquals("medium", RiskBand.MEDIUM.value());
    }

    @Test
    void aP1OutageOfAStrategicCustomerIsHighRiskWithAMajorIncidentAction() {
        IncidentReport outage = report(Priority.P1, "Northwind Logistics", "phone",
                "API returns 503 for all requests in eu-west-1",
                "Since 08:12 UTC every request to /v2/orders returns 503 Service Unavailable.", NOW);
        RiskScore score = new RiskModel(new Random(1)).score(outage, 0, NOW, MODEL);
        assertEquals(RiskBand.HIGH, score.band());
        assertEquals(List.of("P1 priority", "Outage language: \"all requests\"", "Strategic-tier customer"),
                score.topRiskFactors());
        assertEquals("Open a major incident: page the API Gateway on-call engineer and post a status page update",
                score.recommendedAction());
        assertEquals(MODEL, score.modelVersion());
        assertEquals(NOW, score.scoredAt());
    }

    @Test
    void aHowToQuestionIsLowRiskAndAnsweredFromTheKnowledgeBase() {
        IncidentReport question = new IncidentReport("INC-004002", "How to share a dashboard with an external partner",
                "Wants to share a dashboard read-only.", "Juniper Fitness", "Reporting", "How-to", Priority.P4,
                "portal", NOW, NOW.plus(Duration.ofHours(120)));
        RiskScore score = new RiskModel(new Random(1)).score(question, 0, NOW, MODEL);
        assertEquals(RiskBand.LOW, score.band());
        assertEquals(List.of("No escalation signals"), score.topRiskFactors());
        assertTrue(score.recommendedAction().contains("knowledge-base"), score.recommendedAction());
    }

    @Test
    void riskRisesAsTheSlaRunsOutAndTheBreachBecomesTheTopFactor() {
        IncidentReport bug = report(Priority.P3, "Solara Energy", "email", "Rate limit headers report the wrong quota",
                "X-RateLimit-Remaining stays at the full quota.", NOW);
        double fresh = meanRisk(bug, NOW);
        double nearlyDue = meanRisk(bug, bug.slaDueAt().minus(Duration.ofHours(2)));
        double breached = meanRisk(bug, bug.slaDueAt().plus(Duration.ofHours(3)));
        assertTrue(fresh < nearlyDue && nearlyDue < breached, fresh + " < " + nearlyDue + " < " + breached);
        RiskScore late = new RiskModel(new Random(3)).score(bug, 0, bug.slaDueAt().plus(Duration.ofHours(3)), MODEL);
        assertEquals("SLA breached 3 h ago", late.topRiskFactors().get(0));
        assertTrue(late.band() != RiskBand.HIGH || late.recommendedAction().startsWith("SLA breached"),
                late.recommendedAction());
    }

    @Test
    void repeatedContactsRaiseTheRiskAndAreNamed() {
        IncidentReport bug = report(Priority.P3, "Solara Energy", "email", "Scheduled report emails stopped arriving",
                "The weekly email has not arrived.", NOW);
        RiskScore score = new RiskModel(new Random(5)).score(bug, 2, NOW, MODEL);
        assertTrue(score.topRiskFactors().contains("2 other incidents from this customer in 24 h"),
                score.topRiskFactors().toString());
        assertTrue(meanRisk(bug, NOW, 2) > meanRisk(bug, NOW, 0));
    }

    @Test
    void generatedIncidentsSpreadOverTheBandsLikeASupportQueue() {
        IncidentGenerator generator = new IncidentGenerator(new Random(42));
        RiskModel model = new RiskModel(new Random(43));
        Map<RiskBand, Integer> bands = new EnumMap<>(RiskBand.class);
        int n = 1_000;
        IntStream.range(0, n).forEach(i -> {
            RiskScore s = model.score(generator.next(IncidentIds.format(i), NOW), 0, NOW, MODEL);
            assertTrue(s.risk() >= 0.01 && s.risk() <= 0.99, "risk " + s.risk());
            assertEquals(RiskBand.of(s.risk()), s.band());
            assertTrue(!s.topRiskFactors().isEmpty() && s.topRiskFactors().size() <= 3);
            bands.merge(s.band(), 1, Integer::sum);
        });
        double high = bands.getOrDefault(RiskBand.HIGH, 0) / (double) n;
        double low = bands.getOrDefault(RiskBand.LOW, 0) / (double) n;
        assertTrue(high > 0.05 && high < 0.3, "share of high risk on arrival: " + bands);
        assertTrue(low > 0.45, "most new incidents are low risk: " + bands);
    }

    @Test
    void retrainedModelsCountUp() {
        assertEquals("escalation-gbm-2026.11.4", RiskModel.nextVersion(MODEL));
        assertEquals("escalation-gbm-2026.11.10", RiskModel.nextVersion("escalation-gbm-2026.11.9"));
    }

    private static double meanRisk(IncidentReport report, Instant at) {
        return meanRisk(report, at, 0);
    }

    private static double meanRisk(IncidentReport report, Instant at, int others) {
        RiskModel model = new RiskModel(new Random(11));
        return IntStream.range(0, 200).mapToDouble(i -> model.score(report, others, at, MODEL).risk()).average()
                .orElseThrow();
    }
}
