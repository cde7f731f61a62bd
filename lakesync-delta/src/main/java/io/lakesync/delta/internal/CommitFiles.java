package io.lakesync.delta.internal;

import io.delta.kernel.CommitActions;
import io.delta.kernel.data.ColumnVector;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.internal.actions.Metadata;
import io.delta.kernel.types.StructType;
import io.delta.kernel.utils.CloseableIterator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The file actions of one commit, and the table schema when the commit sets new metadata. Only
 * actions are held (a few hundred bytes per file), never rows.
 *
 * @param timestampMillis the commit time: the in-commit timestamp when the table records one, else
 *     the modification time of the commit file (the rule Kernel's snapshots follow)
 */
record CommitFiles(long version, long timestampMillis, List<FileAction> added, List<FileAction> removed,
        List<FileAction> changeData, Optional<StructType> schema) {

    CommitFiles {
        added = List.copyOf(added);
        removed = List.copyOf(removed);
        changeData = List.copyOf(changeData);
    }

    /** Reads all actions of the commit; the caller closes {@code commit}. */
    static CommitFiles read(CommitActions commit) {
        List<FileAction> added = new ArrayList<>();
        List<FileAction> removed = new ArrayList<>();
        List<FileAction> changeData = new ArrayList<>();
        StructType schema = null;
        try (CloseableIterator<ColumnarBatch> batches = commit.getActions()) {
            while (batches.hasNext()) {
                ColumnarBatch batch = batches.next();
                ColumnVector add = column(batch, "add");
                ColumnVector remove = column(batch, "remove");
                ColumnVector cdc = column(batch, "cdc");
                ColumnVector metadata = column(batch, "metaData");
                for (int row = 0; row < batch.getSize(); row++) {
                    if (add != null && !add.isNullAt(row)) {
                        added.add(FileAction.ofAdd(add, row));
                    } else if (remove != null && !remove.isNullAt(row)) {
                        removed.add(FileAction.ofRemove(remove, row));
                    } else if (cdc != null && !cdc.isNullAt(row)) {
                        changeData.add(FileAction.ofChangeData(cdc, row));
                    } else if (metadata != null && !metadata.isNullAt(row)) {
                        schema = Metadata.fromColumnVector(metadata, row).getSchema();
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new CommitFiles(commit.getVersion(), commit.getTimestamp(), added, removed, changeData,
                Optional.ofNullable(schema));
    }

    private static ColumnVector column(ColumnarBatch batch, String action) {
        int ordinal = batch.getSchema().indexOf(action);
        return ordinal < 0 ? null : batch.getColumnVector(ordinal);
    }
}
