package io.lakesync.server.service;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import io.lakesync.core.error.ErrorCode;
import io.lakesync.core.error.LakesyncException;
import io.lakesync.core.model.Schedule;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;

/** When the next slot of a time-based schedule is: intervals count from now, cron runs in UTC. */
public final class ScheduleClock {

    private static final CronParser UNIX_CRON = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    private ScheduleClock() {
    }

    /** Fails with INVALID_ARGUMENT when the schedule cannot be evaluated (a malformed cron expression). */
    public static void validate(Schedule schedule) {
        if (schedule instanceof Schedule.Cron cron) {
            executionTime(cron);
        }
    }

    /** The first slot strictly after {@code after}; empty for schedules without slots (on source change). */
    public static Optional<Instant> next(Schedule schedule, Instant after) {
        if (schedule instanceof Schedule.Interval interval) {
            return Optional.of(after.plus(interval.every()));
        }
        if (schedule instanceof Schedule.Cron cron) {
            return executionTime(cron).nextExecution(after.atZone(ZoneOffset.UTC)).map(t -> t.toInstant());
        }
        return Optional.empty();
    }

    private static ExecutionTime executionTime(Schedule.Cron cron) {
        try {
            return ExecutionTime.forCron(UNIX_CRON.parse(cron.expression()).validate());
        } catch (IllegalArgumentException e) {
            throw new LakesyncException(ErrorCode.INVALID_ARGUMENT, "The cron expression '" + cron.expression()
                    + "' is not valid: " + e.getMessage() + ". Use the five Unix fields minute hour day-of-month"
                    + " month day-of-week, in UTC, e.g. \"*/5 * * * *\" for every five minutes.", e);
        }
    }
}
