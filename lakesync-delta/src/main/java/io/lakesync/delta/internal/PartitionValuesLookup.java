package io.lakesync.delta.internal;

import io.delta.kernel.Snapshot;
import io.delta.kernel.TableManager;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.utils.CloseableIterator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;

/**
 * The partition values of files whose {@code remove} action omits them (writers that predate
 * {@code extendedFileMetadata}): the file's {@code add} action in the snapshot just before the
 * removal has them. Rare, so the files of one version are listed once and remembered.
 */
final class PartitionValuesLookup {

    private final Engine engine;
    private final TableLocation location;
    private long cachedVersion = -1;
    private Map<String, Map<String, String>> cached = Map.of();

    PartitionValuesLookup(Engine engine, TableLocation location) {
        this.engine = engine;
        this.location = location;
    }

    synchronized Map<String, String> at(long version, String path) {
        if (version != cachedVersion) {
            cached = KernelFailures.call(location.userInput(),
                    () -> "finding the partition values of removed files at version " + version, () -> list(version));
            cachedVersion = version;
        }
        Map<String, String> values = cached.get(path);
        if (values == null) {
            throw KernelFailures.translate(location.userInput(), "finding the partition values of " + path,
                    new IllegalStateException("the file is removed at version " + (version + 1)
                            + " without its partition values, and version " + version + " does not hold it"));
        }
        return values;
    }

    private Map<String, Map<String, String>> list(long version) {
        Snapshot snapshot = TableManager.loadSnapshot(location.kernelPath()).atVersion(version).build(engine);
        Map<String, Map<String, String>> byPath = new HashMap<>();
        try (CloseableIterator<FilteredColumnarBatch> files = snapshot.getScanBuilder().build().getScanFiles(engine)) {
            while (files.hasNext()) {
                try (CloseableIterator<Row> rows = files.next().getRows()) {
                    while (rows.hasNext()) {
                        Row scanFile = rows.next();
                        byPath.put(InternalScanFileUtils.getFilePath(scanFile),
                                InternalScanFileUtils.getPartitionValues(scanFile));
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return byPath;
    }
}
