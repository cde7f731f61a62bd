package io.lakesync.server.corpus;

import io.delta.kernel.Scan;
import io.delta.kernel.Snapshot;
import io.delta.kernel.SnapshotBuilder;
import io.delta.kernel.TableManager;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.engine.FileReadResult;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.data.ScanStateRow;
import io.delta.kernel.internal.util.Utils;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.function.Consumer;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * The test's own read of Delta tables and Parquet files, through Delta Kernel's public row API
 * ({@link ColumnarBatch#getRows()}, {@link Row}), independent of lakesync's Delta source (which
 * reads column vectors through its own adapters). Rows are handed to a consumer one at a time so
 * that a million-row table never sits in memory.
 */
final class KernelRows {

    private static final Engine ENGINE = createEngine();

    private KernelRows() {
    }

    private static Engine createEngine() {
        Configuration conf = new Configuration();
        // some corpus tables carry stale .crc files, which the checksummed local file system rejects
        conf.set("fs.file.impl", RawLocalFileSystem.class.getName());
        conf.setBoolean("fs.file.impl.disable.cache", true);
        return DefaultEngine.create(conf);
    }

    static Snapshot snapshot(Path table, OptionalLong version) {
        SnapshotBuilder builder = TableManager.loadSnapshot(table.toUri().toString());
        if (version.isPresent()) {
            builder = builder.atVersion(version.getAsLong());
        }
        return builder.build(ENGINE);
    }

    /** Hands every row of {@code snapshot} to {@code consumer}; returns how many there were. */
    static long forEachRow(Snapshot snapshot, Consumer<Row> consumer) {
        Scan scan = snapshot.getScanBuilder().build();
        Row scanState = scan.getScanState(ENGINE);
        StructType physicalSchema = ScanStateRow.getPhysicalDataReadSchema(scanState);
        long count = 0;
        try (CloseableIterator<FilteredColumnarBatch> scanFiles = scan.getScanFiles(ENGINE)) {
            while (scanFiles.hasNext()) {
                FilteredColumnarBatch files = scanFiles.next();
                try (CloseableIterator<Row> fileRows = files.getRows()) {
                    while (fileRows.hasNext()) {
                        count += readDataFile(scanState, physicalSchema, fileRows.next(), consumer);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return count;
    }

    private static long readDataFile(Row scanState, StructType physicalSchema, Row scanFile, Consumer<Row> consumer)
            throws IOException {
        FileStatus file = InternalScanFileUtils.getAddFileStatus(scanFile);
        CloseableIterator<ColumnarBatch> physical = ENGINE.getParquetHandler()
                .readParquetFiles(Utils.singletonCloseableIterator(file), physicalSchema, Optional.empty())
                .map(FileReadResult::getData);
        long count = 0;
        try (CloseableIterator<FilteredColumnarBatch> logical =
                Scan.transformPhysicalData(ENGINE, scanState, scanFile, physical)) {
            while (logical.hasNext()) {
                count += selectedRows(logical.next(), consumer);
            }
        }
        return count;
    }

    /** The rows of a batch its selection vector keeps (deletion vectors mark deleted rows unselected). */
    private static long selectedRows(FilteredColumnarBatch batch, Consumer<Row> consumer) throws IOException {
        Optional<ColumnVector> selection = batch.getSelectionVector();
        long count = 0;
        int rowId = 0;
        try (CloseableIterator<Row> rows = batch.getData().getRows()) {
            while (rows.hasNext()) {
                Row row = rows.next();
                boolean selected = selection.isEmpty()
                        || (!selection.get().isNullAt(rowId) && selection.get().getBoolean(rowId));
                rowId++;
                if (selected) {
                    consumer.accept(row);
                    count++;
                }
            }
        }
        return count;
    }

    /** Hands every row of a Parquet file, read with {@code schema}, to {@code consumer}. */
    static long forEachParquetRow(Path parquet, StructType schema, Consumer<Row> consumer) {
        long count = 0;
        try {
            FileStatus file = FileStatus.of(parquet.toUri().toString(), Files.size(parquet),
                    Files.getLastModifiedTime(parquet).toMillis());
            try (CloseableIterator<FileReadResult> batches = ENGINE.getParquetHandler()
                    .readParquetFiles(Utils.singletonCloseableIterator(file), schema, Optional.empty())) {
                while (batches.hasNext()) {
                    try (CloseableIterator<Row> rows = batches.next().getData().getRows()) {
                        while (rows.hasNext()) {
                            consumer.accept(rows.next());
                            count++;
                        }
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return count;
    }
}
