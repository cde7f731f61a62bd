package io.lakesync.examples.portal.data;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Instant;
import java.util.List;

/**
 * The dashboard's figures: the KPIs and the data of its four charts, plus the values its filters
 * offer. "Active" means not resolved.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public record DashboardStats(
        Kpis kpis,
        List<Count> byStatus,
        List<Long> riskHistogram,
        Timeline newIncidents,
        List<CategoryRisk> byCategory,
        List<String> categories,
        List<String> owners,
        Instant computedAt) {

    /** Active incidents, those of high risk, those without an owner and those past their SLA; and all. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Kpis(long total, long active, long highRisk, long unassigned, long slaBreached) {
    }

    /** {@code key} as used in URLs, {@code label} for people. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Count(String key, String label, long count) {
    }

    /**
     * Incidents created per bucket of {@code bucketSeconds}, oldest bucket first.
     *
     * @param window the span shown, for people: "last hour, per 2 min"
     */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Timeline(String window, long bucketSeconds, List<Point> points) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record Point(Instant at, long count) {
    }

    /** Active incidents of a category, by risk band. */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    public record CategoryRisk(String category, long high, long medium, long low) {
        public long total() {
            return high + medium + low;
        }
    }
}
