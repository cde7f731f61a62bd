package io.lakesync.delta;

import io.delta.kernel.Snapshot;
import io.delta.kernel.SnapshotBuilder;
import io.delta.kernel.TableManager;
import io.delta.kernel.engine.Engine;
import io.lakesync.core.error.ErrorCode;
import io.lakesync.core.error.LakesyncException;
import io.lakesync.core.model.SourceVersion;
import io.lakesync.core.spi.ChangeSet;
import io.lakesync.core.spi.CommitInfo;
import io.lakesync.core.spi.SourceSnapshot;
import io.lakesync.core.spi.TableSource;
import io.lakesync.delta.internal.CommitHistory;
import io.lakesync.delta.internal.CommitSummaries;
import io.lakesync.delta.internal.DeltaChangeSet;
import io.lakesync.delta.internal.DeltaSnapshot;
import io.lakesync.delta.internal.KernelEngines;
import io.lakesync.delta.internal.KernelFailures;
import io.lakesync.delta.internal.LogRange;
import io.lakesync.delta.internal.TableLocation;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * A Delta table read through Delta Kernel: its newest version, snapshots at a pinned version with a
 * column projection, and the row changes between two versions. Every reader feature Kernel
 * supports is read (deletion vectors, column mapping, all checkpoint kinds, partition values,
 * timestamp_ntz, type widening, variant); a table that cannot be read fails with a
 * {@link LakesyncException} that names the reason.
 *
 * <p>Row changes come from a commit's Change Data Feed files when it has them, else from its added
 * and removed data files (see {@link ChangeSet#batches()}); Kernel itself has no change reader.
 */
public final class DeltaTableSource implements TableSource {

    private final TableLocation location;
    private final Engine engine;
    private final List<String> keyColumns;

    private DeltaTableSource(TableLocation location, Engine engine, List<String> keyColumns) {
        this.location = location;
        this.engine = engine;
        this.keyColumns = keyColumns;
    }

    /**
     * Opens the table at a local path or URI ({@code file:} URIs are local; other schemes go to
     * Hadoop). Fails with SOURCE_NOT_FOUND when a local directory holds no {@code _delta_log}.
     */
    public static DeltaTableSource open(String pathOrUri) {
        TableLocation location = TableLocation.parse(pathOrUri);
        location.requireDeltaLog();
        return new DeltaTableSource(location, KernelEngines.create(), List.of());
    }

    /**
     * The same table, with the primary key of the synced table it feeds: the rows of removed data
     * files, which are only deletes, are then read with the key columns alone (the other columns of
     * their batches are null), which makes a commit that rewrites a table much cheaper to read.
     * Without keys every column is read.
     */
    public DeltaTableSource withKeyColumns(List<String> keyColumns) {
        return new DeltaTableSource(location, engine, List.copyOf(keyColumns));
    }

    @Override
    public String location() {
        return location.userInput();
    }

    @Override
    public SourceVersion latestVersion() {
        Snapshot latest = load(OptionalLong.empty());
        long millis = KernelFailures.call(location.userInput(), () -> "reading the commit timestamp of version "
                + latest.getVersion(), () -> latest.getTimestamp(engine));
        return new SourceVersion(latest.getVersion(), Instant.ofEpochMilli(millis));
    }

    /**
     * On a local table: one look for the commit file {@code _delta_log/<version>.json}, whose
     * modification time is the commit time Delta itself uses (unless in-commit timestamps are on;
     * then it is the file's write time, off by at most the commit's own duration). Elsewhere:
     * through Kernel.
     */
    @Override
    public Optional<SourceVersion> committed(long version) {
        if (location.localDir() == null) {
            return TableSource.super.committed(version);
        }
        Path commit = location.localDir().resolve("_delta_log").resolve(String.format("%020d.json", version));
        try {
            // milliseconds, as Kernel reports it
            return Optional.of(new SourceVersion(version,
                    Instant.ofEpochMilli(Files.getLastModifiedTime(commit).toMillis())));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new LakesyncException(ErrorCode.SOURCE_UNREADABLE, "Cannot look for version " + version
                    + " of the Delta table " + location.userInput() + ": " + e + ". Check that the table's"
                    + " _delta_log folder is readable.", e);
        }
    }

    @Override
    public SourceSnapshot snapshot(OptionalLong version, List<String> columns) {
        return new DeltaSnapshot(engine, location.userInput(), load(version), List.copyOf(columns));
    }

    @Override
    public List<CommitInfo> commits(long fromExclusive, long toInclusive) {
        if (fromExclusive >= toInclusive) {
            return List.of();
        }
        requireRange(fromExclusive, toInclusive);
        return CommitSummaries.of(engine, location, fromExclusive, toInclusive);
    }

    @Override
    public ChangeSet changes(long fromExclusive, long toInclusive, List<String> columns) {
        if (fromExclusive >= toInclusive) {
            return DeltaChangeSet.empty(new DeltaSnapshot(engine, location.userInput(),
                    load(OptionalLong.of(fromExclusive)), List.copyOf(columns)));
        }
        requireRange(fromExclusive, toInclusive);
        DeltaSnapshot end = new DeltaSnapshot(engine, location.userInput(), loadEnd(fromExclusive, toInclusive),
                List.copyOf(columns));
        return DeltaChangeSet.of(engine, location, fromExclusive, end, keyColumns);
    }

    /**
     * The snapshot at the end of a range whose commits are all there. It can still be out of reach
     * when the commits before the range were cleaned up and the oldest checkpoint is newer.
     */
    private Snapshot loadEnd(long fromExclusive, long toInclusive) {
        try {
            return load(OptionalLong.of(toInclusive));
        } catch (LakesyncException e) {
            long earliest = LogRange.earliestVersion(engine, location.kernelPath()).orElse(-1);
            if (earliest > toInclusive) {
                throw CommitHistory.unavailable(location.userInput(), fromExclusive, List.of(toInclusive),
                        "the table state at that version cannot be rebuilt, because the commits before it were "
                                + "cleaned up and the oldest checkpoint left is at version " + earliest, e);
            }
            throw e;
        }
    }

    private void requireRange(long fromExclusive, long toInclusive) {
        if (fromExclusive < -1) {
            throw new LakesyncException(ErrorCode.VERSION_NOT_FOUND, "Cannot read the changes after version "
                    + fromExclusive + " of the Delta table " + location.userInput() + ": versions start at 0 "
                    + "(use -1 for the changes from the table's creation).");
        }
        CommitHistory.requireCommits(engine, location, fromExclusive, toInclusive);
    }

    private Snapshot load(OptionalLong version) {
        String table = location.userInput();
        if (version.isPresent() && version.getAsLong() < 0) {
            throw new LakesyncException(ErrorCode.VERSION_NOT_FOUND, "Version " + version.getAsLong()
                    + " of the Delta table " + table + " does not exist: versions start at 0. Pass a version of 0 or more.");
        }
        try {
            return KernelFailures.call(table, () -> version.isPresent() ? "loading version " + version.getAsLong()
                    : "loading the newest version", () -> {
                        SnapshotBuilder builder = TableManager.loadSnapshot(location.kernelPath());
                        if (version.isPresent()) {
                            builder = builder.atVersion(version.getAsLong());
                        }
                        return builder.build(engine);
                    });
        } catch (LakesyncException e) {
            if (e.code() == ErrorCode.VERSION_NOT_FOUND && version.isPresent()) {
                throw versionNotFound(version.getAsLong(), e);
            }
            throw e;
        }
    }

    /** Rewords Kernel's version error so that it states the whole available range. */
    private LakesyncException versionNotFound(long requested, LakesyncException kernelError) {
        try {
            long latest = load(OptionalLong.empty()).getVersion();
            long earliest = LogRange.earliestVersion(engine, location.kernelPath()).orElse(-1);
            return KernelFailures.versionNotFound(location.userInput(), requested, earliest, latest,
                    kernelError.getCause());
        } catch (LakesyncException e) {
            return kernelError;
        }
    }
}
