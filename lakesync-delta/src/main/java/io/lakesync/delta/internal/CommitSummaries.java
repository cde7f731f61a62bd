package io.lakesync.delta.internal;

import io.delta.kernel.TableManager;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.types.StructType;
import io.lakesync.core.error.LakesyncException;
import io.lakesync.core.model.SourceVersion;
import io.lakesync.core.spi.CloseableIterator;
import io.lakesync.core.spi.CommitInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** What each commit of a range is: its time, about how many change rows it holds, whether it changed the schema. */
public final class CommitSummaries {

    private CommitSummaries() {
    }

    /** The commits after {@code fromExclusive} up to {@code toInclusive}; both were checked to exist. */
    public static List<CommitInfo> of(Engine engine, TableLocation location, long fromExclusive, long toInclusive) {
        List<CommitInfo> commits = new ArrayList<>();
        PreviousSchema previous = new PreviousSchema(engine, location, fromExclusive);
        try (CloseableIterator<CommitFiles> files = CommitRanges.open(engine, location, fromExclusive, toInclusive)) {
            while (files.hasNext()) {
                CommitFiles commit = files.next();
                boolean schemaChanged = false;
                if (commit.schema().isPresent()) {
                    schemaChanged = previous.changesTo(commit.schema().get());
                }
                commits.add(new CommitInfo(new SourceVersion(commit.version(),
                        Instant.ofEpochMilli(commit.timestampMillis())), ChangePlan.estimatedRows(commit),
                        schemaChanged));
            }
        }
        return commits;
    }

    /**
     * The schema before the commit being looked at: loaded at the range's start only when a commit
     * of the range sets metadata (most do not), then the last schema seen.
     */
    private static final class PreviousSchema {
        private final Engine engine;
        private final TableLocation location;
        private final long startVersion;
        private StructType schema;
        private boolean loaded;

        PreviousSchema(Engine engine, TableLocation location, long startVersion) {
            this.engine = engine;
            this.location = location;
            this.startVersion = startVersion;
        }

        boolean changesTo(StructType next) {
            if (!loaded) {
                schema = schemaAtStart();
                loaded = true;
            }
            boolean changed = schema == null || !sameColumns(schema, next);
            schema = next;
            return changed;
        }

        /** Null when there is none (the range starts at the table's creation) or it cannot be read. */
        private StructType schemaAtStart() {
            if (startVersion < 0) {
                return null;
            }
            try {
                return TableManager.loadSnapshot(location.kernelPath()).atVersion(startVersion).build(engine)
                        .getSchema();
            } catch (RuntimeException e) {
                // The start version may only be readable from commits that were cleaned up; saying
                // "changed" makes the caller check the schema, which is safe.
                return null;
            }
        }
    }

    /**
     * Whether two schemas have the same columns as lakesync sees them (names, types, nullability);
     * metadata such as comments or column-mapping ids does not count.
     */
    static boolean sameColumns(StructType a, StructType b) {
        try {
            return DeltaTypes.toColumns(a).equals(DeltaTypes.toColumns(b));
        } catch (LakesyncException unsupportedType) {
            return a.equals(b);
        }
    }
}
