package io.lakesync.delta.internal;

import io.delta.kernel.Scan;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.defaults.internal.data.DefaultColumnarBatch;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.engine.FileReadResult;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.data.ScanStateRow;
import io.delta.kernel.internal.util.Utils;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import io.lakesync.core.model.RowBatch;
import io.lakesync.core.model.TableSchema;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * Streams the rows of a Kernel scan: scan files one by one, each read with lakesync's Parquet read
 * schema, then turned into logical batches by Kernel (deletion vectors, partition values, column
 * mapping). At most one data file is open at a time.
 */
final class ScanBatches implements io.lakesync.core.spi.CloseableIterator<RowBatch> {

    private final Engine engine;
    private final String table;
    private final TableSchema schema;
    private final Row scanState;
    private final StructType kernelPhysicalSchema;
    private final StructType requestedSchema;
    private final CloseableIterator<FilteredColumnarBatch> scanFiles;
    private CloseableIterator<Row> fileRows;
    private CloseableIterator<FilteredColumnarBatch> fileBatches;
    private String currentFile;
    private boolean closed;

    ScanBatches(Engine engine, String table, TableSchema schema, Scan scan) {
        this.engine = engine;
        this.table = table;
        this.schema = schema;
        this.scanState = KernelFailures.call(table, () -> "planning the scan", () -> scan.getScanState(engine));
        this.kernelPhysicalSchema = ScanStateRow.getPhysicalDataReadSchema(scanState);
        this.requestedSchema = PhysicalReadSchema.of(kernelPhysicalSchema);
        this.scanFiles = KernelFailures.call(table, () -> "listing the table's data files",
                () -> scan.getScanFiles(engine));
    }

    @Override
    public boolean hasNext() {
        while (!closed) {
            if (fileBatches != null) {
                if (KernelFailures.call(table, this::readingCurrentFile, fileBatches::hasNext)) {
                    return true;
                }
                closeQuietly(fileBatches);
                fileBatches = null;
            }
            if (fileRows != null) {
                if (KernelFailures.call(table, () -> "listing the table's data files", fileRows::hasNext)) {
                    Row scanFile = fileRows.next();
                    fileBatches = openDataFile(scanFile);
                    continue;
                }
                closeQuietly(fileRows);
                fileRows = null;
            }
            if (!KernelFailures.call(table, () -> "replaying the Delta log", scanFiles::hasNext)) {
                return false;
            }
            fileRows = KernelFailures.call(table, () -> "replaying the Delta log", () -> scanFiles.next().getRows());
        }
        return false;
    }

    @Override
    public RowBatch next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        FilteredColumnarBatch batch = KernelFailures.call(table, this::readingCurrentFile, fileBatches::next);
        return new KernelRowBatch(batch, schema, currentFile);
    }

    private CloseableIterator<FilteredColumnarBatch> openDataFile(Row scanFile) {
        FileStatus status = InternalScanFileUtils.getAddFileStatus(scanFile);
        currentFile = status.getPath();
        return KernelFailures.call(table, this::readingCurrentFile, () -> {
            try {
                CloseableIterator<ColumnarBatch> physical = engine.getParquetHandler()
                        .readParquetFiles(Utils.singletonCloseableIterator(status), requestedSchema, Optional.empty())
                        .map(this::labelWithKernelSchema);
                return Scan.transformPhysicalData(engine, scanState, scanFile, physical);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    /**
     * Kernel's transformation checks the batch schema against its own physical schema; the vectors
     * keep the types they were read with (binary strings, variant structs), which the adapters expect.
     */
    private ColumnarBatch labelWithKernelSchema(FileReadResult read) {
        ColumnarBatch data = read.getData();
        if (requestedSchema == kernelPhysicalSchema) {
            return data;
        }
        ColumnVector[] vectors = new ColumnVector[data.getSchema().length()];
        for (int i = 0; i < vectors.length; i++) {
            vectors[i] = data.getColumnVector(i);
        }
        return new DefaultColumnarBatch(data.getSize(), kernelPhysicalSchema, vectors);
    }

    private String readingCurrentFile() {
        return KernelFailures.READING_DATA_FILE + currentFile;
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(fileBatches);
        closeQuietly(fileRows);
        closeQuietly(scanFiles);
        fileBatches = null;
        fileRows = null;
    }

    private static void closeQuietly(AutoCloseable closeable) {
        if (closeable == null) {
            return;
        }
        try {
            closeable.close();
        } catch (Exception e) {
            // Closing releases file handles of a read that is over; a failure here changes nothing
            // about the rows already delivered.
        }
    }
}
