package io.lakesync.core.engine;

import io.lakesync.core.error.LakesyncException;
import io.lakesync.core.model.SyncedTableSpec;
import io.lakesync.core.spi.TableSource;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CONTINUOUS mode (DESIGN §2): a triggered sync, then a watch on the source that applies new
 * versions as soon as they land, several at once when it falls behind. Failures that may pass
 * (connection lost, lock timeout, unreadable file) are retried with jittered exponential backoff;
 * others end the run. Stops between applies when cancelled; an apply in flight rolls back.
 */
public final class ContinuousSync {

    private static final Logger LOG = LoggerFactory.getLogger(ContinuousSync.class);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final IncrementalSync sync;
    private final TableSource source;
    private final Duration pollInterval;
    private final Consumer<SyncReport> onApplied;

    public ContinuousSync(IncrementalSync sync, TableSource source, Duration pollInterval,
            Consumer<SyncReport> onApplied) {
        this.sync = sync;
        this.source = source;
        this.pollInterval = pollInterval;
        this.onApplied = onApplied;
    }

    public void cancel() {
        sync.cancel();
    }

    /** Runs until cancelled or a failure that retrying cannot fix. */
    public void run(SyncedTableSpec spec) {
        long knownVersion = -1;
        int failures = 0;
        while (!sync.isCancelled()) {
            try {
                long latest = source.latestVersion().version();
                boolean applied = false;
                if (latest != knownVersion) {
                    SyncReport report = sync.run(spec);
                    knownVersion = report.toVersion();
                    applied = report.kind() != SyncReport.Kind.UP_TO_DATE;
                    if (applied) {
                        onApplied.accept(report);
                    }
                }
                failures = 0;
                if (!applied) {
                    // right after an apply, look again at once: more versions may have landed meanwhile
                    sleep(pollInterval);
                }
            } catch (LakesyncException e) {
                if (sync.isCancelled()) {
                    return;
                }
                if (!e.code().retryable()) {
                    throw e;
                }
                failures++;
                Duration backoff = backoff(failures);
                LOG.warn("{}: {} (attempt {}); retrying in {} ms", spec.target(), e.describe(), failures,
                        backoff.toMillis());
                knownVersion = -1;
                sleep(backoff);
            }
        }
    }

    /** Exponential from 0.5 s with full jitter, capped: many tables failing together do not retry in step. */
    static Duration backoff(int failures) {
        long cap = Math.min(MAX_BACKOFF.toMillis(), 500L << Math.min(failures - 1, 16));
        return Duration.ofMillis(cap / 2 + ThreadLocalRandom.current().nextLong(cap / 2 + 1));
    }

    private void sleep(Duration d) {
        long end = System.nanoTime() + d.toNanos();
        while (!sync.isCancelled() && System.nanoTime() < end) {
            try {
                Thread.sleep(Math.min(50, Math.max(1, (end - System.nanoTime()) / 1_000_000)));
            } catch (InterruptedException e) {
                // an interrupt is a request to stop, like SIGTERM
                sync.cancel();
                return;
            }
        }
    }
}
