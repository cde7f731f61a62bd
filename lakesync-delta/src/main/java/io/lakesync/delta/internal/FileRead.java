package io.lakesync.delta.internal;

import io.delta.kernel.internal.actions.DeletionVectorDescriptor;
import io.lakesync.core.spi.ChangeKind;

/**
 * One data file to read for the changes of a commit, and which of its rows are changes of which
 * kind.
 */
record FileRead(long version, FileAction file, Rows rows) {

    /** Which rows of a file are change rows. */
    sealed interface Rows {
    }

    /**
     * The rows a deletion vector leaves visible (all rows when it is null) are changes of one kind:
     * the rows of an added file are upserts, those of a removed file deletes.
     */
    record Visible(ChangeKind kind, DeletionVectorDescriptor deletionVector) implements Rows {
    }

    /**
     * A file removed and re-added in one commit with another deletion vector (DELETE, UPDATE or
     * MERGE with deletion vectors, RESTORE): rows visible before and hidden after are deletes, rows
     * hidden before and visible after are upserts; the rows visible in both did not change.
     */
    record DeletionVectorChange(DeletionVectorDescriptor before, DeletionVectorDescriptor after) implements Rows {
    }

    /**
     * A Change Data Feed file: its {@code _change_type} column says what each row is (insert and
     * update_postimage upserts, delete and update_preimage deletes).
     */
    record ChangeData() implements Rows {
    }

    /** Whether only the key columns of these rows matter (they are all deletes). */
    boolean deletesOnly() {
        return rows instanceof Visible v && v.kind() == ChangeKind.DELETE;
    }
}
