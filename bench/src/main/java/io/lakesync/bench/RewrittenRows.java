package io.lakesync.bench;

import java.util.Iterator;
import java.util.NoSuchElementException;

/**
 * The rows of the files {@link IncrementalChange} adds, as a MERGE without Change Data Feed writes
 * them: the rewritten files' rows minus the deleted ones, with the updated values, then the new
 * rows. Drawn from the same generator as the base table, so untouched rows are bit-for-bit the
 * rows they replace and new rows look like the others.
 */
final class RewrittenRows implements Iterator<Object[]> {

    private final BenchRows rows = new BenchRows(IncrementalChange.INSERTED_TO);
    private Object[] next;

    @Override
    public boolean hasNext() {
        while (next == null && rows.hasNext()) {
            Object[] row = rows.next();
            long id = (Long) row[0];
            if (IncrementalChange.isUpdated(id)) {
                next = IncrementalChange.update(row);
            } else if (IncrementalChange.isInserted(id)
                    || (IncrementalChange.isRewritten(id) && !IncrementalChange.isDeleted(id))) {
                next = row;
            }
        }
        return next != null;
    }

    @Override
    public Object[] next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        Object[] row = next;
        next = null;
        return row;
    }
}
