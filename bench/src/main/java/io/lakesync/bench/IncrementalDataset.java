package io.lakesync.bench;

import io.lakesync.testkit.delta.DeltaTableWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The Delta table of {@code bench/run incremental}, generated once into
 * {@code bench/.cache/incremental-1m}: version {@link #BASE_VERSION} holds the 1M rows of
 * {@link BenchRows} in files of 100k; version {@link #CHANGED_VERSION} is the MERGE of
 * {@link IncrementalChange}, committed as a Spark MERGE without Change Data Feed commits it. The
 * table is built in a {@code .partial} folder, checked, and only then renamed into place.
 */
final class IncrementalDataset {

    static final String NAME = "incremental-1m";
    /** Version 0 creates the table; version 1 appends the rows. */
    static final long BASE_VERSION = 1;
    static final long CHANGED_VERSION = 2;

    private IncrementalDataset() {
    }

    static Path directory() {
        return BenchDataset.cacheRoot().resolve(NAME);
    }

    /** The table's folder, generated first if it is not cached yet. */
    static Path ensure() {
        Path table = directory();
        if (Files.exists(MergeCommit.commitFile(table, CHANGED_VERSION))) {
            return table;
        }
        Path partial = table.resolveSibling(NAME + ".partial");
        Path scratch = table.resolveSibling(NAME + ".scratch");
        Directories.deleteRecursively(partial);
        Directories.deleteRecursively(scratch);
        System.out.printf("generating %s: %,d rows, then a MERGE version (once; cached for later runs)%n", table,
                IncrementalChange.BASE_ROWS);
        long started = System.nanoTime();

        DeltaTableWriter base = DeltaTableWriter.create(partial, BenchTableShape.COLUMNS, List.of(), Map.of());
        long baseVersion = base.append(new BenchRows(IncrementalChange.BASE_ROWS), IncrementalChange.ROWS_PER_FILE);
        require(baseVersion == BASE_VERSION, "the base rows were committed as version " + baseVersion);

        // the replacement files, written by Kernel into a table of their own, then moved over
        DeltaTableWriter rewrite = DeltaTableWriter.create(scratch, BenchTableShape.COLUMNS, List.of(), Map.of());
        long scratchVersion = rewrite.append(new RewrittenRows(), IncrementalChange.ROWS_PER_FILE);
        List<MergeCommit.DataFile> baseFiles = MergeCommit.addedFiles(partial, BASE_VERSION);
        List<MergeCommit.DataFile> removed = MergeCommit.commit(partial, CHANGED_VERSION, baseFiles,
                file -> IncrementalChange.isRewritten(file.minId()), scratch, scratchVersion);
        for (MergeCommit.DataFile file : removed) {
            require(IncrementalChange.isRewritten(file.maxId()), "the base file " + file.path() + " holds ids "
                    + file.minId() + ".." + file.maxId() + ", beyond the rewritten range");
        }
        require(removed.size() * (long) IncrementalChange.ROWS_PER_FILE == IncrementalChange.REWRITTEN_TO,
                removed.size() + " base files hold the rewritten ids, expected "
                        + IncrementalChange.REWRITTEN_TO / IncrementalChange.ROWS_PER_FILE);
        Directories.deleteRecursively(scratch);

        IncrementalCheck.requireChangedVersion(partial);
        Directories.rename(partial, table);
        System.out.printf("generated and checked in %.1f s%n", (System.nanoTime() - started) / 1e9);
        return table;
    }

    private static void require(boolean condition, String problem) {
        if (!condition) {
            throw new IllegalStateException("Generating the incremental table went wrong: " + problem);
        }
    }
}
