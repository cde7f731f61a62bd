package io.lakesync.server.service;

import io.lakesync.core.error.ErrorCode;
import io.lakesync.core.model.TableName;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What the service tells observers (metrics, the freshness webhook, the console's history) about
 * its tables. Calls come from the service's threads and must return quickly: observers that do I/O
 * hand it to a thread of their own.
 */
public interface SyncEvents {

    /** A run of {@code table} ended and committed; counts are rows of the target. */
    default void runSucceeded(TableName table, RunKind kind, Duration duration, long inserted, long updated,
            long deleted, long snapshotRows) {
    }

    /** A run of {@code table} failed; {@code nextRetry} when the service will try again by itself. */
    default void runFailed(TableName table, RunKind kind, Duration duration, ErrorCode code, String message,
            Optional<Instant> nextRetry) {
    }

    /** How far behind its source {@code table} is now; sent on every check (several times a second). */
    default void lagMeasured(TableName table, long versionsBehind, double secondsBehind) {
    }

    /** The table went over (or back under) its freshness SLA. */
    default void freshnessChanged(TableName table, boolean breached, double secondsBehind, long slaSeconds,
            Instant at) {
    }

    /** The table is no longer managed (deleted): observers drop what they keep about it. */
    default void tableRemoved(TableName table) {
    }

    /** The events of several observers, in order. */
    static SyncEvents all(java.util.List<SyncEvents> observers) {
        java.util.List<SyncEvents> list = java.util.List.copyOf(observers);
        return new SyncEvents() {
            @Override
            public void runSucceeded(TableName table, RunKind kind, Duration duration, long inserted, long updated,
                    long deleted, long snapshotRows) {
                list.forEach(o -> o.runSucceeded(table, kind, duration, inserted, updated, deleted, snapshotRows));
            }

            @Override
            public void runFailed(TableName table, RunKind kind, Duration duration, ErrorCode code, String message,
                    Optional<Instant> nextRetry) {
                list.forEach(o -> o.runFailed(table, kind, duration, code, message, nextRetry));
            }

            @Override
            public void lagMeasured(TableName table, long versionsBehind, double secondsBehind) {
                list.forEach(o -> o.lagMeasured(table, versionsBehind, secondsBehind));
            }

            @Override
            public void freshnessChanged(TableName table, boolean breached, double secondsBehind, long slaSeconds,
                    Instant at) {
                list.forEach(o -> o.freshnessChanged(table, breached, secondsBehind, slaSeconds, at));
            }

            @Override
            public void tableRemoved(TableName table) {
                list.forEach(o -> o.tableRemoved(table));
            }
        };
    }
}
