package io.lakesync.core.engine;

import io.lakesync.core.error.LakesyncException;
import io.lakesync.core.spi.RunHistory;
import io.lakesync.core.spi.RunOutcome;

/**
 * Records a failed run without hiding why it failed: when the history cannot be written either
 * (the database is down, which is often the very failure), the run's own error is what the caller
 * gets, with the history's error attached as suppressed.
 */
final class FailedRuns {

    private FailedRuns() {
    }

    static void record(RunHistory history, long runId, RunOutcome outcome, LakesyncException failure) {
        try {
            history.failed(runId, outcome, failure.code().name(), failure.getMessage());
        } catch (RuntimeException historyFailure) {
            failure.addSuppressed(historyFailure);
        }
    }
}
