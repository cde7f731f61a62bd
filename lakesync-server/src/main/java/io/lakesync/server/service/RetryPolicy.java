package io.lakesync.server.service;

import io.lakesync.core.error.ErrorCode;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/**
 * When to try a failed table again. The error class decides whether to retry at all (connection
 * lost, deadlock, out of resources and unreadable files pass; bad credentials, bad SQL and bad data
 * do not: those wait for a change by the user or a new source version). The delay grows
 * exponentially with full jitter, so many tables that failed together do not retry in step.
 */
public record RetryPolicy(Duration initialDelay, Duration maxDelay) {

    public static RetryPolicy defaults() {
        return new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(60));
    }

    public boolean retries(ErrorCode code) {
        return code.retryable();
    }

    /** The delay before attempt {@code failures + 1}: between half and all of initial * 2^(failures-1), capped. */
    public Duration delayAfter(int failures) {
        long cap = Math.min(maxDelay.toMillis(), initialDelay.toMillis() << Math.min(Math.max(failures - 1, 0), 20));
        return Duration.ofMillis(cap / 2 + ThreadLocalRandom.current().nextLong(cap / 2 + 1));
    }
}
