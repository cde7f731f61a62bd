package io.lakesync.examples.portal.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class IncidentFilterTest {

    private static IncidentFilter parse(Map<String, String> params) {
        return IncidentFilter.parse(params::get);
    }

    @Test
    void readsTheDashboardUrlAndWritesItBack() {
        IncidentFilter filter = parse(Map.of("status", "active", "owner", "Priya Raman", "risk_band", "high",
                "q", " refund ", "sort", "risk", "page", "3", "category", ""));
        assertEquals(Optional.of("active"), filter.status());
        assertEquals(Optional.of("refund"), filter.text());
        assertEquals(Optional.empty(), filter.category(), "an empty parameter does not filter");
        assertTrue(filter.descending(), "risk sorts riskiest first by default");
        assertTrue(filter.needsState());
        assertEquals("/?status=active&owner=Priya+Raman&risk_band=high&q=refund&sort=risk&dir=desc&page=3",
                filter.href());
        assertEquals(filter, IncidentFilter.parse(name -> queryValue(filter.query(), name)));
    }

    @Test
    void theDefaultListHasAPlainUrl() {
        IncidentFilter all = parse(Map.of());
        assertEquals("/", all.href());
        assertFalse(all.filtered());
        assertFalse(all.needsState(), "the default list cuts its page before joining the state");
        assertEquals(IncidentSort.CREATED, all.sort());
        assertTrue(all.descending());
    }

    @Test
    void sortingTheSameColumnAgainTurnsItAround() {
        IncidentFilter byRisk = parse(Map.of("page", "4")).sortedBy("risk");
        assertTrue(byRisk.descending());
        assertEquals(1, byRisk.page(), "a new order starts at the first page");
        assertEquals("▼", byRisk.sortMark("risk"));
        assertEquals("", byRisk.sortMark("sla"));
        assertFalse(byRisk.sortedBy("risk").descending());
        assertFalse(byRisk.sortedBy("sla").descending(), "SLA sorts soonest first");
        assertTrue(byRisk.sortedBy("status").needsState());
    }

    @Test
    void refusesWhatItCannotFilterBy() {
        assertTrue(assertThrows(BadRequest.class, () -> parse(Map.of("status", "done"))).getMessage()
                .contains("active, open, in_progress, waiting, resolved"));
        assertThrows(BadRequest.class, () -> parse(Map.of("priority", "P0")));
        assertThrows(BadRequest.class, () -> parse(Map.of("sort", "title; DROP TABLE x")));
        assertThrows(BadRequest.class, () -> parse(Map.of("dir", "up")));
        assertThrows(BadRequest.class, () -> parse(Map.of("page", "two")));
        assertThrows(BadRequest.class, () -> parse(Map.of("page_size", "100000")));
        assertThrows(BadRequest.class, () -> parse(Map.of("q", "x".repeat(201))));
    }

    private static String queryValue(String query, String name) {
        for (String pair : query.split("&")) {
            int eq = pair.indexOf('=');
            if (eq > 0 && pair.substring(0, eq).equals(name)) {
                return URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
