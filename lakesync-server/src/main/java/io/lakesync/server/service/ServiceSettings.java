package io.lakesync.server.service;

import java.time.Duration;

/**
 * How the service runs its tables.
 *
 * @param workers runs that may go at once, over all tables (each table runs one at a time)
 * @param pollInterval how often every table's source is checked for new versions and schedules
 * @param maxRowsPerTransaction change rows per transaction before a backlog is split
 * @param retry backoff for failures that may pass
 * @param fullSourceCheckInterval how often the source's newest version is also read through
 *     Kernel, in case the cheap probe of the next commit file misses a change (log cleanup)
 */
public record ServiceSettings(int workers, Duration pollInterval, long maxRowsPerTransaction, RetryPolicy retry,
        Duration fullSourceCheckInterval) {

    public static ServiceSettings defaults() {
        return new ServiceSettings(4, Duration.ofMillis(100), 1_000_000, RetryPolicy.defaults(), Duration.ofSeconds(30));
    }

    public ServiceSettings withWorkers(int n) {
        return new ServiceSettings(n, pollInterval, maxRowsPerTransaction, retry, fullSourceCheckInterval);
    }

    public ServiceSettings withPollInterval(Duration d) {
        return new ServiceSettings(workers, d, maxRowsPerTransaction, retry, fullSourceCheckInterval);
    }

    public ServiceSettings withRetry(RetryPolicy r) {
        return new ServiceSettings(workers, pollInterval, maxRowsPerTransaction, r, fullSourceCheckInterval);
    }
}
