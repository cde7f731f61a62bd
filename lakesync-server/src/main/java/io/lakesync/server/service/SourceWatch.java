package io.lakesync.server.service;

import io.lakesync.core.model.SourceVersion;
import io.lakesync.core.spi.TableSource;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Finds how far a source is ahead of the version a table holds, cheaply enough to run for every
 * table several times a second: it probes the next commit files one by one and reads the newest
 * version through the source's full path only now and then (which also notices versions whose
 * commit files were cleaned up).
 */
final class SourceWatch {

    /** Beyond this many pending versions the newest is read directly rather than probed file by file. */
    private static final int MAX_PROBES = 64;

    private final Duration fullCheckInterval;
    private Instant lastFullCheck = Instant.MIN;

    SourceWatch(Duration fullCheckInterval) {
        this.fullCheckInterval = fullCheckInterval;
    }

    /** The newest version and the commit time of the oldest version after {@code held}, if any. */
    Observation observe(TableSource source, long held, long latestKnown, Instant now) {
        Optional<SourceVersion> next = source.committed(held + 1);
        if (next.isEmpty()) {
            if (Duration.between(lastFullCheck, now).compareTo(fullCheckInterval) < 0) {
                return new Observation(Math.max(held, latestKnown), Optional.empty());
            }
            lastFullCheck = now;
            SourceVersion latest = source.latestVersion();
            return latest.version() > held
                    ? new Observation(latest.version(), Optional.of(latest.commitTimestamp()))
                    : new Observation(latest.version(), Optional.empty());
        }
        long latest = Math.max(held + 1, latestKnown);
        for (int probes = 0; ; probes++) {
            if (probes == MAX_PROBES) {
                latest = source.latestVersion().version();
                break;
            }
            if (source.committed(latest + 1).isEmpty()) {
                break;
            }
            latest++;
        }
        return new Observation(latest, Optional.of(next.get().commitTimestamp()));
    }

    record Observation(long latest, Optional<Instant> oldestPendingCommit) {
    }
}
