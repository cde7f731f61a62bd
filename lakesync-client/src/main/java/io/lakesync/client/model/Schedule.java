package io.lakesync.client.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.time.Duration;

/**
 * When a TRIGGERED table runs by itself: exactly one of {@code interval_seconds}, {@code cron}
 * (Unix five-field expression, UTC) or {@code on_source_change: true} is set. Build one with
 * {@link #every(Duration)}, {@link #cron(String)} or {@link #onSourceChange()}.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Schedule(
        Long intervalSeconds,
        String cron,
        // Not named onSourceChange: that name belongs to the factory method below.
        @JsonProperty("on_source_change") Boolean runOnSourceChange) {

    /** Runs every {@code interval} (whole seconds). */
    public static Schedule every(Duration interval) {
        if (interval == null || interval.getSeconds() < 1) {
            throw new IllegalArgumentException("A schedule interval must be at least 1 second (got " + interval
                    + "). Use a longer interval, or scheduling_policy CONTINUOUS.");
        }
        return new Schedule(interval.getSeconds(), null, null);
    }

    /** Runs at the times a Unix cron expression names, in UTC: "0 * * * *" is every hour. */
    public static Schedule cron(String expression) {
        if (expression == null || expression.isBlank()) {
            throw new IllegalArgumentException(
                    "A cron schedule needs an expression such as \"*/5 * * * *\" (every five minutes).");
        }
        return new Schedule(null, expression.trim(), null);
    }

    /** Runs as soon as the source has a version newer than the one synced. */
    public static Schedule onSourceChange() {
        return new Schedule(null, null, Boolean.TRUE);
    }

    /** How many of the three kinds are set; a valid schedule has exactly one. */
    public int kindsSet() {
        return (intervalSeconds != null ? 1 : 0) + (cron != null ? 1 : 0) + (Boolean.TRUE.equals(runOnSourceChange) ? 1 : 0);
    }

    /** The schedule as people write it: "every 300s", "cron 0 * * * *", "on source change". */
    public String describe() {
        if (intervalSeconds != null) {
            return "every " + intervalSeconds + "s";
        }
        if (cron != null) {
            return "cron " + cron;
        }
        return Boolean.TRUE.equals(runOnSourceChange) ? "on source change" : "none";
    }
}
