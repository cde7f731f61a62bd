package io.lakesync.examples.portal.data;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class DashboardQueriesTest {

    @Test
    void theTimelineShowsTheShortestWindowWithAShape() {
        // incidents in the last hour, 6 hours, 24 hours, 7 days, 30 days
        assertEquals(0, DashboardQueries.pickWindow(new long[] {3600, 9000, 9000, 9000, 9000}), "a live demo");
        assertEquals(2, DashboardQueries.pickWindow(new long[] {2, 12, 40, 200, 800}), "a quiet desk");
        assertEquals(1, DashboardQueries.pickWindow(new long[] {3, 5, 5, 5, 5}), "few incidents, all recent");
        assertEquals(4, DashboardQueries.pickWindow(new long[] {0, 0, 1, 2, 9}), "few incidents, spread out");
    }
}
