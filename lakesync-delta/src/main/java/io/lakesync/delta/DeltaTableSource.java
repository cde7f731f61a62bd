package io.lakesync.delta;

import io.delta.kernel.Snapshot;
import io.delta.kernel.SnapshotBuilder;
import io.delta.kernel.TableManager;
import io.delta.kernel.engine.Engine;
import io.lakesync.core.error.ErrorCode;
import io.lakesync.core.error.LakesyncException;
import io.lakesync.core.model.SourceVersion;
import io.lakesync.core.spi.SourceSnapshot;
import io.lakesync.core.spi.TableSource;
import io.lakesync.delta.internal.DeltaSnapshot;
import io.lakesync.delta.internal.KernelEngines;
import io.lakesync.delta.internal.KernelFailures;
import io.lakesync.delta.internal.LogRange;
import io.lakesync.delta.internal.TableLocation;
import java.time.Instant;
import java.util.List;
import java.util.OptionalLong;

/**
 * A Delta table read through Delta Kernel: its newest version, and snapshots at a pinned version
 * with a column projection. Every reader feature Kernel supports is read (deletion vectors, column
 * mapping, all checkpoint kinds, partition values, timestamp_ntz, type widening, variant); a table
 * that cannot be read fails with a {@link LakesyncException} that names the reason.
 */
public final class DeltaTableSource implements TableSource {

    private final TableLocation location;
    private final Engine engine;

    private DeltaTableSource(TableLocation location, Engine engine) {
        this.location = location;
        this.engine = engine;
    }

    /**
     * Opens the table at a local path or URI ({@code file:} URIs are local; other schemes go to
     * Hadoop). Fails with SOURCE_NOT_FOUND when a local directory holds no {@code _delta_log}.
     */
    public static DeltaTableSource open(String pathOrUri) {
        TableLocation location = TableLocation.parse(pathOrUri);
        location.requireDeltaLog();
        return new DeltaTableSource(location, KernelEngines.create());
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

    @Override
    public SourceSnapshot snapshot(OptionalLong version, List<String> columns) {
        return new DeltaSnapshot(engine, location.userInput(), load(version), List.copyOf(columns));
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
