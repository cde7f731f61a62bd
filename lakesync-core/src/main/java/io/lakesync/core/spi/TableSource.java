package io.lakesync.core.spi;

import io.lakesync.core.model.SourceVersion;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/** A source table (a Delta table) that can be read at a pinned version. */
public interface TableSource {

    /** Where the table lives, as the user gave it. */
    String location();

    /** The newest committed version. */
    SourceVersion latestVersion();

    /**
     * Version {@code version} with its commit timestamp if it is committed, else empty. Watchers
     * call this often, so sources should answer it cheaply (a Delta table on a file system: one
     * file lookup) rather than by loading the table.
     */
    default Optional<SourceVersion> committed(long version) {
        if (latestVersion().version() < version) {
            return Optional.empty();
        }
        return Optional.of(commits(version - 1, version).get(0).version());
    }

    /**
     * The table at {@code version} (newest when empty), reading only {@code columns} (all when
     * empty) in the given order.
     */
    SourceSnapshot snapshot(OptionalLong version, List<String> columns);

    /**
     * The commits after {@code fromExclusive} up to and including {@code toInclusive}, in order.
     * Fails with {@code HISTORY_UNAVAILABLE} when some of them can no longer be read (log
     * retention, vacuum, a checkpoint-only log), so the caller can fall back to a snapshot.
     */
    List<CommitInfo> commits(long fromExclusive, long toInclusive);

    /**
     * The row changes of the commits after {@code fromExclusive} up to and including
     * {@code toInclusive}, reading only {@code columns} (all when empty). Fails with
     * {@code HISTORY_UNAVAILABLE} like {@link #commits}.
     */
    ChangeSet changes(long fromExclusive, long toInclusive, List<String> columns);
}
