package io.lakesync.delta.internal;

import io.delta.kernel.CommitActions;
import io.delta.kernel.CommitRange;
import io.delta.kernel.CommitRangeBuilder.CommitBoundary;
import io.delta.kernel.TableManager;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.internal.DeltaLogActionUtils.DeltaAction;
import io.delta.kernel.utils.CloseableIterator;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * The commits of a version range, one {@link CommitFiles} at a time, read through Kernel's commit
 * range (which also refuses commits whose protocol this Kernel cannot read).
 */
final class CommitRanges {

    private static final Set<DeltaAction> ACTIONS = Set.of(DeltaAction.ADD, DeltaAction.REMOVE, DeltaAction.CDC,
            DeltaAction.METADATA);

    private CommitRanges() {
    }

    /**
     * Opens the commits after {@code fromExclusive} up to {@code toInclusive}; call
     * {@link CommitHistory#requireCommits} first for precise errors about missing versions.
     */
    static io.lakesync.core.spi.CloseableIterator<CommitFiles> open(Engine engine, TableLocation location,
            long fromExclusive, long toInclusive) {
        String table = location.userInput();
        CloseableIterator<CommitActions> commits = KernelFailures.call(table,
                () -> "reading the commits after version " + fromExclusive + " up to " + toInclusive, () -> {
                    CommitRange range = TableManager
                            .loadCommitRange(location.kernelPath(), CommitBoundary.atVersion(fromExclusive + 1))
                            .withEndBoundary(CommitBoundary.atVersion(toInclusive))
                            .build(engine);
                    return range.getCommitActions(engine, ACTIONS);
                });
        return new io.lakesync.core.spi.CloseableIterator<>() {
            @Override
            public boolean hasNext() {
                return KernelFailures.call(table, () -> "reading the Delta log", commits::hasNext);
            }

            @Override
            public CommitFiles next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return KernelFailures.call(table, () -> "reading the Delta log", () -> {
                    CommitActions commit = commits.next();
                    try (commit) {
                        return CommitFiles.read(commit);
                    } catch (RuntimeException e) {
                        throw e;
                    } catch (Exception e) {
                        throw new IllegalStateException("closing the commit " + commit.getVersion() + " failed", e);
                    }
                });
            }

            @Override
            public void close() {
                try {
                    commits.close();
                } catch (Exception e) {
                    // releases log file handles of a read that is over
                }
            }
        };
    }
}
