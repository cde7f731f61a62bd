package io.lakesync.core.engine;

import io.lakesync.core.spi.CommitInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits a range of commits into transactions that each end on a version boundary and stage at
 * most about {@code maxRowsPerTransaction} change rows, so a long backlog neither holds one
 * giant transaction nor lets the watermark lag behind for the whole catch-up. A single commit
 * larger than the limit gets a transaction of its own (a version is never split: a crash must
 * leave the target at exactly one Delta version).
 */
final class ChunkPlanner {

    private ChunkPlanner() {
    }

    /** The end version of each transaction, ascending; empty when there are no commits. */
    static List<Long> plan(List<CommitInfo> commits, long maxRowsPerTransaction) {
        List<Long> ends = new ArrayList<>();
        long staged = 0;
        for (int i = 0; i < commits.size(); i++) {
            CommitInfo commit = commits.get(i);
            if (staged > 0 && staged + commit.estimatedChangeRows() > maxRowsPerTransaction) {
                ends.add(commits.get(i - 1).version().version());
                staged = 0;
            }
            staged += commit.estimatedChangeRows();
        }
        if (!commits.isEmpty()) {
            ends.add(commits.get(commits.size() - 1).version().version());
        }
        return ends;
    }
}
