package io.lakesync.core.model;

import io.lakesync.core.error.ErrorCode;
import io.lakesync.core.error.LakesyncException;
import java.time.Duration;

/**
 * When a TRIGGERED synced table runs by itself: every fixed interval, on a cron expression (Unix
 * five-field syntax, evaluated in UTC), or whenever a new source version appears.
 */
public sealed interface Schedule {

    /** Runs every {@code every}, counted from the end of the previous slot. */
    record Interval(Duration every) implements Schedule {
        public Interval {
            if (every == null || every.compareTo(Duration.ofSeconds(1)) < 0) {
                throw new LakesyncException(ErrorCode.INVALID_ARGUMENT, "A schedule interval must be at least 1"
                        + " second (got " + every + "). Use a longer interval, or scheduling_policy CONTINUOUS.");
            }
        }
    }

    /** Runs at the times a Unix cron expression names ("0 * * * *": every hour), in UTC. */
    record Cron(String expression) implements Schedule {
        public Cron {
            if (expression == null || expression.isBlank()) {
                throw new LakesyncException(ErrorCode.INVALID_ARGUMENT,
                        "A cron schedule needs an expression such as \"*/5 * * * *\" (every five minutes).");
            }
            expression = expression.trim();
        }
    }

    /** Runs as soon as the source has a version newer than the one synced. */
    record OnSourceChange() implements Schedule {
    }
}
