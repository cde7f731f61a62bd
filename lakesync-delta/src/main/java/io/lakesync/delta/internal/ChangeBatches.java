package io.lakesync.delta.internal;

import io.lakesync.core.error.ErrorCode;
import io.lakesync.core.error.LakesyncException;
import io.lakesync.core.spi.ChangeBatch;
import io.lakesync.core.spi.CloseableIterator;
import java.util.Collections;
import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * Streams the change batches of a version range: commit by commit in version order, the files each
 * commit's {@link ChangePlan} names one after the other, batch by batch. At most one data file is
 * open and one batch of rows in memory at a time.
 */
final class ChangeBatches implements CloseableIterator<ChangeBatch> {

    private final ChangeReads reads;
    private final CloseableIterator<CommitFiles> commits;
    private Iterator<FileRead> planned = Collections.emptyIterator();
    private FileRead currentRead;
    private ChangeFileReader current;
    private boolean closed;

    ChangeBatches(ChangeReads reads) {
        this.reads = reads;
        this.commits = reads.openCommits();
    }

    @Override
    public boolean hasNext() {
        while (!closed) {
            if (current != null) {
                if (guarded(() -> current.hasNext())) {
                    return true;
                }
                current.close();
                current = null;
            }
            if (planned.hasNext()) {
                currentRead = planned.next();
                current = guarded(() -> reads.open(currentRead));
                continue;
            }
            if (!commits.hasNext()) {
                return false;
            }
            planned = ChangePlan.of(commits.next()).iterator();
        }
        return false;
    }

    @Override
    public ChangeBatch next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        return current.next();
    }

    /** Reading a file that VACUUM removed means the history is gone, not that the table is damaged. */
    private <T> T guarded(java.util.function.Supplier<T> read) {
        try {
            return read.get();
        } catch (LakesyncException e) {
            if (e.code() == ErrorCode.SOURCE_UNREADABLE) {
                LakesyncException gone = reads.missingFiles(currentRead, e);
                if (gone != null) {
                    close();
                    throw gone;
                }
            }
            throw e;
        }
    }

    @Override
    public void close() {
        closed = true;
        if (current != null) {
            current.close();
            current = null;
        }
        commits.close();
    }
}
