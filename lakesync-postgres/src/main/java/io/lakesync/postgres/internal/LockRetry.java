package io.lakesync.postgres.internal;

import io.lakesync.core.error.ErrorCode;
import io.lakesync.core.error.LakesyncException;
import io.lakesync.postgres.PostgresSinkOptions;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.IntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a step that needs an ACCESS EXCLUSIVE lock on a table readers use (rename, ALTER TABLE),
 * inside the caller's transaction, without stalling those readers.
 * <p>
 * While such a lock request waits, every new reader queues behind it; so each attempt waits at
 * most {@code lock_timeout} (100 ms), then rolls back to a savepoint, lets the queued readers
 * through, backs off a little (jittered, so repeated attempts do not align with a reader's rhythm)
 * and tries again, until the retry budget is spent. A long reader thus delays the step, never
 * other readers. Afterwards the transaction's statements wait for locks as usual again.
 */
final class LockRetry {

    /** Work that needs the lock; it runs again on each attempt. */
    @FunctionalInterface
    interface Step {
        void run() throws SQLException;
    }

    private static final Logger LOG = LoggerFactory.getLogger(LockRetry.class);
    private static final String SAVEPOINT = "lakesync_lock_retry";
    private static final long MAX_BACKOFF_MILLIS = 1_000;

    private final Connection connection;
    private final PostgresSinkOptions options;

    LockRetry(Connection connection, PostgresSinkOptions options) {
        this.connection = connection;
        this.options = options;
    }

    /**
     * Runs {@code step} until it gets its locks; the caller commits.
     *
     * @param what what the step does, for the log, e.g. "swap of public.orders"
     * @param timedOut the error once the budget is spent, given the number of attempts
     * @return the number of attempts
     */
    int run(String what, Step step, IntFunction<LakesyncException> timedOut) throws SQLException {
        Relations.execute(connection, "SET LOCAL lock_timeout = '" + options.swapLockTimeout().toMillis() + "ms'");
        long deadline = System.nanoTime() + options.swapRetryBudget().toNanos();
        long backoffMillis = options.swapLockTimeout().toMillis();
        for (int attempt = 1; ; attempt++) {
            Relations.execute(connection, "SAVEPOINT " + SAVEPOINT);
            try {
                step.run();
                Relations.execute(connection, "RELEASE SAVEPOINT " + SAVEPOINT);
                Relations.execute(connection, "SET LOCAL lock_timeout TO DEFAULT");
                return attempt;
            } catch (SQLException e) {
                if (!SqlErrors.is(e, SqlErrors.LOCK_NOT_AVAILABLE)) {
                    throw e;
                }
                Relations.execute(connection, "ROLLBACK TO SAVEPOINT " + SAVEPOINT);
                if (System.nanoTime() > deadline) {
                    throw timedOut.apply(attempt);
                }
                LOG.debug("The {} waited for readers (attempt {}); retrying", what, attempt);
                sleep(ThreadLocalRandom.current().nextLong(backoffMillis / 2, backoffMillis + 1), "The sync was"
                        + " interrupted while waiting for the lock of the " + what + "; the target table is"
                        + " unchanged.");
                backoffMillis = Math.min(MAX_BACKOFF_MILLIS, backoffMillis * 3 / 2);
            }
        }
    }

    /** Waits before the next try; an interrupt ends it with CANCELLED and {@code ifInterrupted} as the message. */
    static void sleep(long millis, String ifInterrupted) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LakesyncException(ErrorCode.CANCELLED, ifInterrupted, e);
        }
    }
}
