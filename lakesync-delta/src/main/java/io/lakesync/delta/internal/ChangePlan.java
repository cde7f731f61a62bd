package io.lakesync.delta.internal;

import io.delta.kernel.internal.actions.DeletionVectorDescriptor;
import io.lakesync.core.spi.ChangeKind;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;

/**
 * Decides which files of a commit to read for its row changes, following the Change Data Feed rules
 * of the Delta protocol: a commit with {@code cdc} files has its changes in them (its add and
 * remove actions are ignored); otherwise the rows of added files are upserts and the rows of
 * removed files deletes, with deletion vectors applied, and actions with {@code dataChange=false}
 * (OPTIMIZE, compaction, deletion vector purge) change no rows.
 */
final class ChangePlan {

    private ChangePlan() {
    }

    static List<FileRead> of(CommitFiles commit) {
        List<FileRead> reads = new ArrayList<>();
        if (!commit.changeData().isEmpty()) {
            for (FileAction cdc : commit.changeData()) {
                reads.add(new FileRead(commit.version(), cdc, new FileRead.ChangeData()));
            }
            return reads;
        }
        Map<String, FileAction> added = dataChanges(commit.added());
        for (FileAction removed : dataChanges(commit.removed()).values()) {
            FileAction readded = added.remove(removed.path());
            if (readded == null) {
                reads.add(new FileRead(commit.version(), removed,
                        new FileRead.Visible(ChangeKind.DELETE, removed.deletionVector())));
            } else if (!Objects.equals(removed.deletionVector(), readded.deletionVector())) {
                reads.add(new FileRead(commit.version(), readded,
                        new FileRead.DeletionVectorChange(removed.deletionVector(), readded.deletionVector())));
            }
            // re-added with the same deletion vector: the same rows, nothing changed
        }
        for (FileAction add : added.values()) {
            reads.add(new FileRead(commit.version(), add, new FileRead.Visible(ChangeKind.UPSERT, add.deletionVector())));
        }
        return reads;
    }

    /**
     * About how many change rows reading the commit produces, for sizing transactions: the rows of
     * the files it reads by their statistics (for a changed deletion vector, the rows it newly hides
     * or shows), else one row per 100 bytes of file.
     */
    static long estimatedRows(CommitFiles commit) {
        long rows = 0;
        for (FileRead read : of(commit)) {
            rows += estimatedRows(read);
        }
        return rows;
    }

    private static long estimatedRows(FileRead read) {
        if (read.rows() instanceof FileRead.DeletionVectorChange change) {
            return Math.abs(cardinality(change.after()) - cardinality(change.before()));
        }
        OptionalLong live = read.file().liveRows();
        if (live.isPresent()) {
            return Math.max(0, live.getAsLong());
        }
        return Math.max(1, read.file().size() / 100);
    }

    private static long cardinality(DeletionVectorDescriptor dv) {
        return dv == null ? 0 : dv.getCardinality();
    }

    private static Map<String, FileAction> dataChanges(List<FileAction> actions) {
        Map<String, FileAction> byPath = new LinkedHashMap<>();
        for (FileAction action : actions) {
            if (action.dataChange()) {
                byPath.put(action.path(), action);
            }
        }
        return byPath;
    }
}
