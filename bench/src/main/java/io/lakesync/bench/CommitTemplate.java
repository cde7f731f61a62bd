package io.lakesync.bench;

import io.delta.kernel.TableManager;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.lakesync.testkit.delta.DeltaTableWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * The history every table of {@code bench/run fifty-tables} goes through, written once by the
 * Kernel writer and cached: version 0 creates the table, version 1 holds {@link #INITIAL_ROWS}
 * rows, and each later version 200 to 400 rows of {@link ContinuousRows} (mostly new keys, one in
 * five a newer row of an existing key: an update in PostgreSQL through the timeseries key), with a
 * checkpoint every 10 versions as Delta writers write by default.
 *
 * <p>Why pre-written: a Kernel append (snapshot load, Parquet writer, commit) took a median 755 ms
 * on the 2-core machine while the server ran; appending live, four writer threads managed 486 of
 * the 2,000 commits planned for 2 minutes, and took CPU from the server they were loading. The
 * benchmark publishes these commits on schedule instead ({@link StaggeredWriters}), which costs
 * microseconds, as DESIGN §7 suggests for simulating a live writer.
 */
record CommitTemplate(Path dir, long lastVersion, int[] rowsByVersion) {

    static final int INITIAL_ROWS = 1_000;
    static final int MIN_ROWS = 200;
    static final int MAX_ROWS = 400;
    static final int CHECKPOINT_INTERVAL = 10;
    private static final long SEED = 20_261_202L;
    private static final String ROWS_FILE = "rows-by-version.txt";

    /** The cached template with at least {@code commits} versions after version 1, generated first if needed. */
    static CommitTemplate ensure(int commits) {
        Path dir = BenchDataset.cacheRoot().resolve("fifty-tables-template-" + commits);
        if (!Files.exists(dir.resolve(ROWS_FILE))) {
            Path partial = dir.resolveSibling(dir.getFileName() + ".partial");
            Directories.deleteRecursively(partial);
            ResultPrinter.line("writing the commit template: %d commits with the Kernel writer into %s (once; cached"
                    + " for later runs)", commits, dir);
            long started = System.nanoTime();
            generate(partial, commits);
            Directories.deleteRecursively(dir);
            Directories.rename(partial, dir);
            ResultPrinter.line("wrote the commit template in %.1f s", (System.nanoTime() - started) / 1e9);
        }
        return load(dir);
    }

    private static void generate(Path dir, int commits) {
        ContinuousRows rows = new ContinuousRows(SEED, 0);
        SplittableRandom sizes = new SplittableRandom(~SEED);
        Engine engine = DefaultEngine.create(new org.apache.hadoop.conf.Configuration());
        DeltaTableWriter writer = DeltaTableWriter.create(dir.resolve("table"), BenchTableShape.COLUMNS, List.of(),
                Map.of());
        List<String> counts = new ArrayList<>(List.of("0 0"));
        writer.append(rows.next(INITIAL_ROWS, Instant.now()));
        counts.add("1 " + INITIAL_ROWS);
        for (int i = 0; i < commits; i++) {
            int count = MIN_ROWS + sizes.nextInt(MAX_ROWS - MIN_ROWS + 1);
            long version = writer.append(rows.next(count, Instant.now()));
            counts.add(version + " " + count);
            if (version % CHECKPOINT_INTERVAL == 0) {
                try {
                    TableManager.loadSnapshot(writer.dir().toString()).atVersion(version).build(engine)
                            .writeCheckpoint(engine);
                    // the table's _last_checkpoint will name the newest; a replay needs each one's in turn
                    Files.copy(writer.dir().resolve("_delta_log").resolve("_last_checkpoint"),
                            dir.resolve(lastCheckpointName(version)));
                } catch (IOException e) {
                    throw new UncheckedIOException("Cannot write the checkpoint of version " + version, e);
                }
            }
        }
        try {
            Files.write(dir.resolve(ROWS_FILE), counts, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + dir.resolve(ROWS_FILE), e);
        }
    }

    private static CommitTemplate load(Path dir) {
        try {
            List<String> lines = Files.readAllLines(dir.resolve(ROWS_FILE), StandardCharsets.UTF_8);
            int[] rows = new int[lines.size()];
            for (String line : lines) {
                String[] parts = line.split(" ");
                rows[Integer.parseInt(parts[0])] = Integer.parseInt(parts[1]);
            }
            return new CommitTemplate(dir.resolve("table"), rows.length - 1, rows);
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("The cached commit template " + dir + " is unreadable (" + e + "); delete"
                    + " that folder and run again", e);
        }
    }

    Path commitFile(long version) {
        return MergeCommit.commitFile(dir, version);
    }

    Path checkpointFile(long version) {
        return dir.resolve("_delta_log").resolve(String.format("%020d.checkpoint.parquet", version));
    }

    /** The {@code _last_checkpoint} the table had right after the checkpoint of {@code version}. */
    Path lastCheckpointFile(long version) {
        return dir.resolveSibling(lastCheckpointName(version));
    }

    boolean hasCheckpoint(long version) {
        return Files.exists(checkpointFile(version));
    }

    private static String lastCheckpointName(long version) {
        return "last_checkpoint-" + version + ".json";
    }

    int rows(long version) {
        return rowsByVersion[(int) version];
    }
}
