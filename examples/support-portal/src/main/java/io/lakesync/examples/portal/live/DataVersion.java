package io.lakesync.examples.portal.live;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Which data the portal shows, as far as it can tell: the Delta version lakesync last synced (from
 * its status API), or, without lakesync, a fingerprint of the table itself. The live updates fire
 * when {@link #fingerprint()} changes; the freshness badge shows {@link #describe(Instant)}.
 *
 * @param fingerprint changes exactly when new data landed; empty while unknown
 * @param deltaVersion the synced Delta version (lakesync status only)
 * @param asOf when that data landed: the end of the last sync, or the latest scoring time in the table
 * @param versionsBehind Delta versions the source is ahead of the table (lakesync status only)
 * @param problem why the version is unknown
 */
public record DataVersion(Kind kind, String fingerprint, OptionalLong deltaVersion, Optional<Instant> asOf,
        long versionsBehind, Optional<String> problem) {

    public enum Kind {
        /** From lakesync's status of the synced table. */
        DELTA,
        /** From the synced table's row count and latest scoring time (no lakesync server configured). */
        TABLE,
        /** The source could not be read. */
        UNKNOWN
    }

    /** Data older than this, with no news from the source, shows as "behind". */
    static final Duration QUIET = Duration.ofMinutes(2);

    public static DataVersion delta(long version, Instant syncEnd, long versionsBehind) {
        return new DataVersion(Kind.DELTA, "delta:" + version, OptionalLong.of(version), Optional.ofNullable(syncEnd),
                versionsBehind, Optional.empty());
    }

    /** lakesync knows the table but has not finished a sync of it yet. */
    public static DataVersion notSyncedYet(String message) {
        return new DataVersion(Kind.DELTA, "", OptionalLong.empty(), Optional.empty(), 0, Optional.of(message));
    }

    public static DataVersion table(long rows, Instant latestScoring) {
        return new DataVersion(Kind.TABLE, "table:" + rows + ":" + latestScoring, OptionalLong.empty(),
                Optional.ofNullable(latestScoring), 0, Optional.empty());
    }

    public static DataVersion unknown(String problem) {
        return new DataVersion(Kind.UNKNOWN, "", OptionalLong.empty(), Optional.empty(), 0, Optional.of(problem));
    }

    /** The badge: "data as of Delta version 42, 3 s ago". */
    public String describe(Instant now) {
        if (kind == Kind.UNKNOWN) {
            return "data freshness unknown";
        }
        if (kind == Kind.DELTA && deltaVersion.isEmpty()) {
            return "waiting for the first sync";
        }
        String ago = asOf.map(at -> ", " + ago(Duration.between(at, now))).orElse("");
        if (kind == Kind.TABLE) {
            return "data as of the latest scoring" + ago;
        }
        String behind = versionsBehind > 0 ? " (" + versionsBehind + (versionsBehind == 1 ? " version" : " versions")
                + " behind)" : "";
        return "data as of Delta version " + deltaVersion.getAsLong() + ago + behind;
    }

    /** The badge's colour: fresh, behind or unknown. */
    public String state(Instant now) {
        if (kind == Kind.UNKNOWN || (kind == Kind.DELTA && deltaVersion.isEmpty())) {
            return "unknown";
        }
        if (versionsBehind > 0) {
            return "behind";
        }
        // lakesync says the table has every version: fresh however long the source has been quiet
        if (kind == Kind.DELTA) {
            return "fresh";
        }
        return asOf.filter(at -> Duration.between(at, now).compareTo(QUIET) <= 0).isPresent() ? "fresh" : "behind";
    }

    /** The tooltip: where the figure comes from, or what went wrong. */
    public String detail() {
        if (problem.isPresent()) {
            return problem.get();
        }
        return kind == Kind.DELTA ? "From lakesync's status of the synced table: the Delta version of its last sync."
                : "No lakesync server configured: the portal watches the synced table's row count and latest"
                        + " scoring time.";
    }

    static String ago(Duration age) {
        long seconds = Math.max(0, age.toSeconds());
        if (seconds < 60) {
            return seconds + " s ago";
        }
        if (seconds < 3600) {
            return seconds / 60 + " min ago";
        }
        if (seconds < 48 * 3600) {
            return seconds / 3600 + " h ago";
        }
        return seconds / 86400 + " d ago";
    }
}
