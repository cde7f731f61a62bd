package io.lakesync.bench;

import io.lakesync.core.model.TableName;
import io.lakesync.testkit.delta.DeltaTableWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * {@code bench/run continuous}: how soon the rows of a Delta commit are visible in PostgreSQL while
 * {@code lakesync sync --mode continuous --poll-interval-ms 100} runs in a child JVM. A writer
 * commits small batches (about 1,000 rows/s, a commit every 100-500 ms) for the run's duration; a
 * watcher polls the table's watermark every 10 ms. Per commit: the delay from its commit file's
 * modification time to the first moment the watermark shows its version.
 */
final class ContinuousBenchmark {

    private static final long SEED = 20_261_127L;
    private static final int INITIAL_ROWS = 10_000;
    private static final long POLL_INTERVAL_MS = 100;
    private static final long STARTUP_TIMEOUT_MS = 120_000;
    private static final long CATCH_UP_TIMEOUT_MS = 60_000;

    /** Command-line options: {@code --duration S} (default 60), {@code --checkpoint-interval N} (default 10, 0 = none). */
    record Options(long durationSeconds, int checkpointInterval) {
        static Options parse(List<String> args) {
            long duration = 60;
            int checkpointInterval = 10;
            for (int i = 0; i < args.size(); i++) {
                String arg = args.get(i);
                if (arg.equals("--duration") && i + 1 < args.size()) {
                    duration = Long.parseLong(args.get(++i));
                } else if (arg.equals("--checkpoint-interval") && i + 1 < args.size()) {
                    checkpointInterval = Integer.parseInt(args.get(++i));
                } else {
                    throw new IllegalArgumentException("Unknown option '" + arg + "' of continuous; use --duration S"
                            + " and --checkpoint-interval N");
                }
            }
            if (duration < 1 || checkpointInterval < 0) {
                throw new IllegalArgumentException("--duration must be at least 1 s and --checkpoint-interval 0 or more");
            }
            return new Options(duration, checkpointInterval);
        }
    }

    private final Options options;

    ContinuousBenchmark(Options options) {
        this.options = options;
    }

    void run() throws Exception {
        Path work = BenchDataset.cacheRoot().resolve("continuous-run");
        Path table = work.resolve("table");
        Directories.deleteRecursively(work);
        ContinuousRows rows = new ContinuousRows(SEED, 0);
        DeltaTableWriter.create(table, BenchTableShape.COLUMNS, List.of(), Map.of())
                .append(rows.next(INITIAL_ROWS, Instant.now()));

        BenchDatabase database = BenchDatabase.start();
        ResultPrinter.line(MachineLoad.describe());
        TableName target = database.freshTable("continuous");
        ResultPrinter.line("table %s (%,d rows at version 1), synced into %s; writer: %d s, a checkpoint every %s",
                table, INITIAL_ROWS, target, options.durationSeconds(),
                options.checkpointInterval() == 0 ? "never" : options.checkpointInterval() + " commits");

        List<DeltaCommitter.Commit> commits;
        long[] latencies;
        DeltaCommitter committer = new DeltaCommitter(table, rows, SEED + 1, options.checkpointInterval());
        try (ContinuousSyncProcess lakesync = ContinuousSyncProcess.start(table, target, database.jdbcUrl(),
                POLL_INTERVAL_MS, work);
                WatermarkWatcher watcher = new WatermarkWatcher(database, target)) {
            ResultPrinter.line("started lakesync --mode continuous --poll-interval-ms %d (pid %d, log %s)",
                    POLL_INTERVAL_MS, lakesync.pid(), lakesync.log());
            awaitVersion(watcher, lakesync, 1, STARTUP_TIMEOUT_MS, "its first snapshot");
            ResultPrinter.line("initial snapshot visible; writing for %d s...", options.durationSeconds());
            commits = committer.run(options.durationSeconds() * 1000);
            long last = commits.get(commits.size() - 1).version();
            awaitVersion(watcher, lakesync, last, CATCH_UP_TIMEOUT_MS, "the last commit");
            latencies = latencies(commits, watcher);
            ResultPrinter.line("stopped lakesync with SIGTERM: exit code %d", lakesync.stop());
            ApplyLogSummary.print(lakesync.logLines());
        }
        long rowsWritten = commits.stream().mapToLong(DeltaCommitter.Commit::rows).sum();
        ResultPrinter.line("writer: %d commits (versions %d to %d), %,d rows, %.0f rows/s; %d checkpoints written"
                + " in %d ms in all", commits.size(), commits.get(0).version(), commits.get(commits.size() - 1).version(),
                rowsWritten, rowsWritten / (double) options.durationSeconds(), committer.checkpoints(),
                committer.checkpointMillis());
        ContinuousReadProfile.print(table, commits.get(commits.size() - 1).version());

        printByWindow(commits, latencies, options.durationSeconds());
        Percentiles p = new Percentiles(latencies);
        ResultPrinter.line("latency from commit file time to rows visible (ms): count %d, p50 %d, p90 %d, p99 %d,"
                + " max %d, mean %.0f", p.count(), p.at(50), p.at(90), p.at(99), p.max(), p.mean());
        ResultPrinter.summary(String.format(Locale.ROOT, "continuous_latency_p50_ms=%d p99_ms=%d", p.at(50), p.at(99)));
    }

    /**
     * The latency over time, in six windows of the run: it grows when each poll and apply gets
     * slower as the Delta log gets longer, which one overall figure would hide.
     */
    private static void printByWindow(List<DeltaCommitter.Commit> commits, long[] latencies, long durationSeconds) {
        long windowMillis = Math.max(10_000, durationSeconds * 1000 / 6);
        long first = commits.get(0).fileTimeMillis();
        StringBuilder line = new StringBuilder("latency by " + windowMillis / 1000 + " s window (p50/p99 ms):");
        int i = 0;
        while (i < commits.size()) {
            long window = (commits.get(i).fileTimeMillis() - first) / windowMillis;
            int j = i;
            while (j < commits.size() && (commits.get(j).fileTimeMillis() - first) / windowMillis == window) {
                j++;
            }
            Percentiles p = new Percentiles(java.util.Arrays.copyOfRange(latencies, i, j));
            line.append(String.format(Locale.ROOT, " [v%d-%d] %d/%d;", commits.get(i).version(),
                    commits.get(j - 1).version(), p.at(50), p.at(99)));
            i = j;
        }
        ResultPrinter.line(line.toString());
    }

    /** Waits until the watermark reaches {@code version}, failing if the child dies or time runs out. */
    private static void awaitVersion(WatermarkWatcher watcher, ContinuousSyncProcess lakesync, long version,
            long timeoutMillis, String what) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (watcher.latest() < version) {
            lakesync.requireAlive();
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("lakesync did not apply " + what + " (version " + version + ") within "
                        + timeoutMillis / 1000 + " s; the table is at version " + watcher.latest() + ". Log: "
                        + lakesync.log());
            }
            Thread.sleep(20);
        }
    }

    /** Per commit, first visible minus commit file time; every commit was seen (the watermark reached the last). */
    private static long[] latencies(List<DeltaCommitter.Commit> commits, WatermarkWatcher watcher) {
        long[] latencies = new long[commits.size()];
        for (int i = 0; i < latencies.length; i++) {
            DeltaCommitter.Commit commit = commits.get(i);
            OptionalLong seen = watcher.firstSeen(commit.version());
            if (seen.isEmpty()) {
                throw new IllegalStateException("version " + commit.version() + " was never seen");
            }
            latencies[i] = seen.getAsLong() - commit.fileTimeMillis();
        }
        return latencies;
    }
}
