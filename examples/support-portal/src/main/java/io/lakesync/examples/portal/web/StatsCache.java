package io.lakesync.examples.portal.web;

import io.lakesync.examples.portal.data.DashboardQueries;
import io.lakesync.examples.portal.data.DashboardStats;
import io.lakesync.examples.portal.live.LiveUpdates;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;

/**
 * The dashboard's aggregates, computed once per change of the data or the team's work rather than
 * for every open page that refreshes after a sync. Kept at most {@link #MAX_AGE}: "SLA breached"
 * depends on the clock too.
 */
final class StatsCache {

    static final Duration MAX_AGE = Duration.ofSeconds(5);

    private record Entry(long generation, Instant computedAt, DashboardStats stats) {
    }

    private final DashboardQueries queries;
    private final LiveUpdates live;
    private volatile Entry entry;

    StatsCache(DashboardQueries queries, LiveUpdates live) {
        this.queries = queries;
        this.live = live;
    }

    DashboardStats get() throws SQLException {
        Entry current = entry;
        if (fresh(current)) {
            return current.stats();
        }
        synchronized (this) {
            // pages woken by the same event wait here for one computation rather than each running it
            current = entry;
            if (fresh(current)) {
                return current.stats();
            }
            long generation = live.generation();
            DashboardStats stats = queries.compute();
            entry = new Entry(generation, Instant.now(), stats);
            return stats;
        }
    }

    private boolean fresh(Entry e) {
        return e != null && e.generation() == live.generation()
                && e.computedAt().plus(MAX_AGE).isAfter(Instant.now());
    }
}
