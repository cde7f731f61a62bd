package io.lakesync.delta.internal;

import io.delta.kernel.Scan;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.engine.FileReadResult;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.actions.AddFile;
import io.delta.kernel.internal.actions.DeletionVectorDescriptor;
import io.delta.kernel.internal.data.GenericRow;
import io.delta.kernel.internal.deletionvectors.DeletionVectorUtils;
import io.delta.kernel.internal.deletionvectors.RoaringBitmapArray;
import io.delta.kernel.internal.util.Utils;
import io.delta.kernel.internal.util.VectorUtils;
import io.delta.kernel.utils.CloseableIterator;
import io.delta.kernel.utils.FileStatus;
import io.lakesync.core.model.RowBatch;
import io.lakesync.core.spi.ChangeBatch;
import io.lakesync.core.spi.ChangeKind;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;

/**
 * Streams the change rows of one data file, batch by batch: the Parquet reader fills a batch,
 * its rows are split into upserts and deletes (by deletion vectors or by the change type column),
 * and Kernel turns the batch into logical columns (partition values, column mapping, type widening)
 * under the end version's schema. Each physical batch gives at most one UPSERT and one DELETE
 * batch, over the same vectors with different selections; batches without change rows are skipped.
 */
final class ChangeFileReader implements AutoCloseable {

    private static final AddOrdinals ADD = new AddOrdinals();

    private final String table;
    private final FileRead read;
    private final ReadLayout layout;
    private final int[] widenOrdinals; // null when the layout holds every column of the change set
    private final int[] deleteView; // null, or how DELETE batches show only the key columns
    private final String filePath;
    private final CloseableIterator<FilteredColumnarBatch> logical;
    private final ArrayDeque<ChangeBatch> ready = new ArrayDeque<>();
    private RoaringBitmapArray before; // rows hidden before (or by the only deletion vector)
    private RoaringBitmapArray after;
    private Split pending;

    /**
     * @param widenOrdinals when the layout reads only some columns of the change set: for each
     *     column of the change set, its ordinal in the layout or -1 (null)
     * @param deleteView when the layout reads every column: the same mapping that keeps only the
     *     key columns, applied to DELETE batches (their other values do not matter); or null
     */
    ChangeFileReader(Engine engine, String table, FileRead read, ReadLayout layout, int[] widenOrdinals,
            int[] deleteView) {
        this.table = table;
        this.read = read;
        this.layout = layout;
        this.widenOrdinals = widenOrdinals;
        this.deleteView = deleteView;
        Row scanFile = scanFile(read.file(), layout);
        FileStatus named = InternalScanFileUtils.getAddFileStatus(scanFile);
        this.filePath = named.getPath();
        // The Parquet reader needs the file size; remove actions may omit it.
        FileStatus status = named.getSize() >= 0 ? named : KernelFailures.call(table, this::doing, () -> {
            try {
                return engine.getFileSystemClient().getFileStatus(named.getPath());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        loadDeletionVectors(engine);
        this.logical = KernelFailures.call(table, this::doing, () -> {
            try {
                CloseableIterator<ColumnarBatch> physical = engine.getParquetHandler()
                        .readParquetFiles(Utils.singletonCloseableIterator(status), layout.parquetSchema,
                                Optional.empty())
                        .map(this::split);
                return Scan.transformPhysicalData(engine, layout.scanState, scanFile, physical);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }

    boolean hasNext() {
        while (ready.isEmpty()) {
            if (!KernelFailures.call(table, this::doing, logical::hasNext)) {
                return false;
            }
            FilteredColumnarBatch batch = KernelFailures.call(table, this::doing, logical::next);
            Split split = pending;
            pending = null;
            add(ChangeKind.DELETE, batch.getData(), split.deletes, split.deleteCount);
            add(ChangeKind.UPSERT, batch.getData(), split.upserts, split.upsertCount);
        }
        return true;
    }

    ChangeBatch next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return ready.poll();
    }

    private void add(ChangeKind kind, ColumnarBatch data, boolean[] selected, int count) {
        if (count == 0) {
            return;
        }
        Optional<ColumnVector> selection = count == data.getSize() ? Optional.empty()
                : Optional.of(new SelectionVector(selected));
        RowBatch rows = new KernelRowBatch(new FilteredColumnarBatch(data, selection), layout.schema, filePath);
        if (widenOrdinals != null) {
            rows = new WidenedRowBatch(rows, widenOrdinals);
        } else if (deleteView != null && kind == ChangeKind.DELETE) {
            rows = new WidenedRowBatch(rows, deleteView);
        }
        ready.add(new ChangeBatch(read.version(), kind, rows));
    }

    /**
     * Splits the rows of a batch the Parquet reader returned into upserts and deletes, and hands
     * the data columns on to Kernel. Kernel's transformation maps batches one to one, so the split
     * waits in {@link #pending} for the logical batch.
     */
    private ColumnarBatch split(FileReadResult result) {
        ColumnarBatch batch = result.getData();
        int size = batch.getSize();
        Split split = new Split(size);
        FileRead.Rows rows = read.rows();
        if (rows instanceof FileRead.ChangeData) {
            ColumnVector changeType = batch.getColumnVector(layout.changeTypeOrdinal);
            for (int r = 0; r < size; r++) {
                String type = changeType.isNullAt(r) ? "" : changeType.getString(r);
                if (type.equals("insert") || type.equals("update_postimage")) {
                    split.upsert(r);
                } else if (type.equals("delete") || type.equals("update_preimage")) {
                    // A preimage is a delete of the old key: when the update kept the key, the
                    // postimage's upsert wins over it in the same version; when the update changed
                    // the key, it is the only change that removes the old key.
                    split.delete(r);
                }
            }
        } else {
            ColumnVector rowIndex = batch.getColumnVector(layout.rowIndexOrdinal);
            if (rows instanceof FileRead.Visible visible) {
                boolean upsert = visible.kind() == ChangeKind.UPSERT;
                for (int r = 0; r < size; r++) {
                    if (before == null || !before.contains(rowIndex.getLong(r))) {
                        if (upsert) {
                            split.upsert(r);
                        } else {
                            split.delete(r);
                        }
                    }
                }
            } else {
                for (int r = 0; r < size; r++) {
                    long index = rowIndex.getLong(r);
                    boolean hiddenBefore = before != null && before.contains(index);
                    boolean hiddenAfter = after != null && after.contains(index);
                    if (!hiddenBefore && hiddenAfter) {
                        split.delete(r);
                    } else if (hiddenBefore && !hiddenAfter) {
                        split.upsert(r);
                    }
                }
            }
        }
        pending = split;
        return layout.dataColumns(batch);
    }

    private void loadDeletionVectors(Engine engine) {
        FileRead.Rows rows = read.rows();
        if (rows instanceof FileRead.Visible visible) {
            before = bitmap(engine, visible.deletionVector());
        } else if (rows instanceof FileRead.DeletionVectorChange change) {
            before = bitmap(engine, change.before());
            after = bitmap(engine, change.after());
        }
    }

    private RoaringBitmapArray bitmap(Engine engine, DeletionVectorDescriptor dv) {
        if (dv == null) {
            return null;
        }
        return KernelFailures.call(table, () -> KernelFailures.READING_DATA_FILE + filePath + " (its deletion vector)",
                () -> DeletionVectorUtils.loadNewDvAndBitmap(engine, layout.tableRoot, dv)._2);
    }

    private String doing() {
        return KernelFailures.READING_DATA_FILE + filePath;
    }

    /** A scan file row as Kernel's scan produces it, for a file named by any file action. */
    private static Row scanFile(FileAction file, ReadLayout layout) {
        Map<Integer, Object> add = new HashMap<>();
        add.put(ADD.path, file.path());
        add.put(ADD.partitionValues, VectorUtils.stringStringMapValue(layout.partitionValues(file.partitionValues())));
        add.put(ADD.size, file.size());
        add.put(ADD.modificationTime, 0L);
        add.put(ADD.dataChange, true);
        // The deletion vector stays out: this reader applies deletion vectors itself, old and new.
        Map<Integer, Object> scanFile = new HashMap<>();
        scanFile.put(InternalScanFileUtils.SCAN_FILE_SCHEMA.indexOf("add"),
                new GenericRow(AddFile.SCHEMA_WITHOUT_STATS, add));
        scanFile.put(InternalScanFileUtils.SCAN_FILE_SCHEMA.indexOf("tableRoot"), layout.tableRoot);
        return new GenericRow(InternalScanFileUtils.SCAN_FILE_SCHEMA, scanFile);
    }

    @Override
    public void close() {
        try {
            logical.close();
        } catch (IOException | RuntimeException e) {
            // Closing releases the file handle of a read that is over (or abandoned); a failure
            // here changes nothing about the rows already delivered.
        }
    }

    /** Ordinals of the add struct of a scan file row. */
    private static final class AddOrdinals {
        final int path = AddFile.SCHEMA_WITHOUT_STATS.indexOf("path");
        final int partitionValues = AddFile.SCHEMA_WITHOUT_STATS.indexOf("partitionValues");
        final int size = AddFile.SCHEMA_WITHOUT_STATS.indexOf("size");
        final int modificationTime = AddFile.SCHEMA_WITHOUT_STATS.indexOf("modificationTime");
        final int dataChange = AddFile.SCHEMA_WITHOUT_STATS.indexOf("dataChange");
    }

    /** Which rows of one batch are upserts and which deletes; fresh arrays per batch. */
    private static final class Split {
        final boolean[] upserts;
        final boolean[] deletes;
        int upsertCount;
        int deleteCount;

        Split(int size) {
            upserts = new boolean[size];
            deletes = new boolean[size];
        }

        void upsert(int row) {
            upserts[row] = true;
            upsertCount++;
        }

        void delete(int row) {
            deletes[row] = true;
            deleteCount++;
        }
    }
}
