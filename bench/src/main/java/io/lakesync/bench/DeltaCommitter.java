package io.lakesync.bench;

import io.delta.kernel.TableManager;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.lakesync.testkit.delta.DeltaTableWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The writer of {@code bench/run continuous}: appends a small batch to the Delta table every 100
 * to 500 ms (seeded random gaps; one row per millisecond of gap, so about 1,000 rows/s) until its
 * time is up, and writes a checkpoint every {@code checkpointInterval} commits as Delta writers do
 * by default. It records each commit's version and the modification time of its commit file: the
 * moment the version became visible to readers of the log.
 */
final class DeltaCommitter {

    /** One commit: its version, rows, and the commit file's modification time. */
    record Commit(long version, int rows, long fileTimeMillis) {
    }

    private static final int MIN_GAP_MS = 100;
    private static final int MAX_GAP_MS = 500;

    private final Path table;
    private final ContinuousRows rows;
    private final int checkpointInterval;
    private final SplittableRandom gaps;
    private final Engine engine;
    private final List<Commit> commits = new ArrayList<>();
    private long checkpointMillis;
    private int checkpoints;

    DeltaCommitter(Path table, ContinuousRows rows, long seed, int checkpointInterval) {
        this.table = table;
        this.rows = rows;
        this.gaps = new SplittableRandom(seed);
        this.checkpointInterval = checkpointInterval;
        this.engine = DefaultEngine.create(new org.apache.hadoop.conf.Configuration());
    }

    /** Commits until {@code durationMillis} have passed; returns the commits in order. */
    List<Commit> run(long durationMillis) {
        DeltaTableWriter writer = DeltaTableWriter.open(table);
        long started = System.currentTimeMillis();
        long nextAt = started;
        while (nextAt < started + durationMillis) {
            sleepUntil(nextAt);
            int gap = MIN_GAP_MS + gaps.nextInt(MAX_GAP_MS - MIN_GAP_MS + 1);
            List<Object[]> batch = rows.next(gap, Instant.now());
            long version = writer.append(batch);
            commits.add(new Commit(version, batch.size(), fileTime(version)));
            if (checkpointInterval > 0 && version % checkpointInterval == 0) {
                checkpoint(version);
            }
            nextAt += gap; // a fixed cadence: a slow commit does not push the later ones back
        }
        return commits;
    }

    int checkpoints() {
        return checkpoints;
    }

    long checkpointMillis() {
        return checkpointMillis;
    }

    private void checkpoint(long version) {
        long started = System.currentTimeMillis();
        try {
            TableManager.loadSnapshot(table.toString()).atVersion(version).build(engine).writeCheckpoint(engine);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write the checkpoint of version " + version, e);
        }
        checkpoints++;
        checkpointMillis += System.currentTimeMillis() - started;
    }

    private long fileTime(long version) {
        try {
            return Files.getLastModifiedTime(MergeCommit.commitFile(table, version)).toMillis();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the time of commit " + version, e);
        }
    }

    private static void sleepUntil(long millis) {
        long wait;
        while ((wait = millis - System.currentTimeMillis()) > 0) {
            try {
                Thread.sleep(wait);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("The writer was interrupted", e);
            }
        }
    }
}
