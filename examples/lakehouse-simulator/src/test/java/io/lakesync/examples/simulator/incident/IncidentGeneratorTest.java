package io.lakesync.examples.simulator.incident;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class IncidentGeneratorTest {

    private static final Instant NOW = Instant.parse("2026-11-20T09:30:00Z");

    private static List<IncidentReport> generate(long seed, int n) {
        IncidentGenerator generator = new IncidentGenerator(new Random(seed));
        return IntStream.range(0, n).mapToObj(i -> generator.next(IncidentIds.format(4001 + i), NOW)).toList();
    }

    @Test
    void aSeedGivesTheSameIncidents() {
        assertEquals(generate(7, 50), generate(7, 50));
        assertNotEquals(generate(7, 50), generate(8, 50));
    }

    @Test
    void everySlotIsFilledAndEveryTemplateIsUsed() {
        List<IncidentReport> reports = generate(42, 3_000);
        Set<String> titles = new HashSet<>();
        for (IncidentReport r : reports) {
            assertFalse(r.title().contains("{") || r.description().contains("{"), r.toString());
            assertTrue(r.slaDueAt().isAfter(r.createdAt()), r.toString());
            titles.add(r.product() + "/" + r.category());
        }
        assertEquals(SupportCatalog.TEMPLATES.stream().map(t -> t.product() + "/" + t.category()).distinct().count(),
                titles.size(), "every kind of request appears in 3,000 incidents");
        assertTrue(reports.stream().map(IncidentReport::customer).distinct().count() >= 20);
        assertTrue(reports.stream().allMatch(r -> SupportCatalog.customer(r.customer()).isPresent()));
    }

    @Test
    void urgentIncidentsComeMoreOftenByPhoneAndStrategicCustomersGetHalfTheSla() {
        List<IncidentReport> reports = generate(42, 3_000);
        double phoneP1 = share(reports.stream().filter(r -> r.priority() == Priority.P1).toList(), "phone");
        double phoneP4 = share(reports.stream().filter(r -> r.priority() == Priority.P4).toList(), "phone");
        assertTrue(phoneP1 > 0.3 && phoneP4 < 0.15, phoneP1 + " vs " + phoneP4);
        for (IncidentReport r : reports) {
            Customer.Tier tier = SupportCatalog.customer(r.customer()).orElseThrow().tier();
            assertEquals(r.priority().sla(tier), Duration.between(r.createdAt(), r.slaDueAt()), r.toString());
        }
        assertEquals(Duration.ofHours(2), Priority.P1.sla(Customer.Tier.STRATEGIC));
    }

    @Test
    void aDuplicateRepeatsTheRequestThroughAnotherChannel() {
        IncidentGenerator generator = new IncidentGenerator(new Random(1));
        IncidentReport original = generator.next("INC-004001", NOW);
        IncidentReport duplicate = generator.duplicateOf(original, "INC-004002", NOW.plusSeconds(90));
        assertEquals(original.title(), duplicate.title());
        assertEquals(original.description(), duplicate.description());
        assertEquals(original.customer(), duplicate.customer());
        assertNotEquals(original.channel(), duplicate.channel());
        assertEquals(Duration.between(original.createdAt(), original.slaDueAt()),
                Duration.between(duplicate.createdAt(), duplicate.slaDueAt()));
    }

    @Test
    void idsLookLikeTicketNumbers() {
        assertEquals("INC-004217", IncidentIds.format(4217));
        assertEquals(4217, IncidentIds.number("INC-004217"));
        assertEquals(-1, IncidentIds.number("something else"));
    }

    private static double share(List<IncidentReport> reports, String channel) {
        return reports.stream().filter(r -> r.channel().equals(channel)).count() / (double) reports.size();
    }
}
