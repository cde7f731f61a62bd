package io.lakesync.bench;

import io.lakesync.client.LakesyncClient;
import io.lakesync.client.model.SchedulingPolicy;
import io.lakesync.client.model.SyncedTable;
import io.lakesync.client.model.TableSpec;
import io.lakesync.core.model.TableName;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Collectors;

/**
 * {@code bench/run fifty-tables}: many CONTINUOUS synced tables on one {@code lakesync server}
 * (a child JVM), created through the SDK, while a writer commits a few hundred rows to every table
 * every few seconds (staggered). Per commit, the lag from its commit file's time to the moment the
 * table's watermark shows its version, watched from outside the server. Reports every table's p99,
 * the overall p50/p99/max, the server's CPU and RSS, whether every table kept a 5 s SLA the whole
 * run, and where the lag went (the server's metrics and run history).
 */
final class FiftyTablesBenchmark {

    private static final long STARTUP_TIMEOUT_MS = 300_000;
    private static final long CATCH_UP_TIMEOUT_MS = 60_000;
    private static final long IDLE_MILLIS = 10_000;

    private final FiftyTablesOptions options;

    FiftyTablesBenchmark(FiftyTablesOptions options) {
        this.options = options;
    }

    void run() throws Exception {
        Path work = BenchDataset.cacheRoot().resolve("fifty-tables-run");
        Directories.deleteRecursively(work);
        java.nio.file.Files.createDirectories(work);
        BenchDatabase database = BenchDatabase.start();
        ResultPrinter.line(MachineLoad.describe());
        int commitsPerTable = (int) Math.ceil(options.durationSeconds() * 1000.0 / options.commitIntervalMillis());
        CommitTemplate template = CommitTemplate.ensure(commitsPerTable);
        StaggeredWriters writers = StaggeredWriters.create(work.resolve("tables"), options.tables(), template);
        List<TableName> targets = new ArrayList<>();
        for (int i = 0; i < options.tables(); i++) {
            targets.add(database.freshTable(String.format(Locale.ROOT, "fifty_t%03d", i)));
        }
        ResultPrinter.line("%d Delta tables of %,d rows under %s; each gets a commit of %d-%d rows every %d ms"
                + " (staggered; one row in five an update; a checkpoint every %d versions) for %d s; the commits"
                + " were written by the Kernel writer beforehand (%s) and are published on schedule",
                options.tables(), CommitTemplate.INITIAL_ROWS, work.resolve("tables"), CommitTemplate.MIN_ROWS,
                CommitTemplate.MAX_ROWS, options.commitIntervalMillis(), CommitTemplate.CHECKPOINT_INTERVAL,
                options.durationSeconds(), template.dir());

        try (ServerProcess server = ServerProcess.start(database.jdbcUrl(), options, work);
                ProcessUsage usage = new ProcessUsage(server.pid());
                TableWatermarks watermarks = new TableWatermarks(database, targets)) {
            ResultPrinter.line("lakesync server pid %d: --workers %d --poll-interval-ms %d --max-connections %d,"
                    + " JVM options %s (LAKESYNC_JAVA_OPTS), log %s", server.pid(), options.workers(),
                    options.pollIntervalMillis(), options.maxConnections(),
                    server.javaOptions().isEmpty() ? "none" : String.join(" ", server.javaOptions()), server.log());
            LakesyncClient client = server.client();
            long createStart = System.currentTimeMillis();
            createSyncedTables(client, writers.dirs(), targets);
            awaitAll(watermarks, server, 1, STARTUP_TIMEOUT_MS, "its initial snapshot");
            ResultPrinter.line("created %d CONTINUOUS synced tables through the SDK; all initial snapshots visible"
                    + " after %.1f s; writing...", targets.size(), (System.currentTimeMillis() - createStart) / 1000.0);

            long postmaster = database.postmasterPid();
            long postgresBefore = CpuClocks.postgresNanos(postmaster);
            ProcessUsage.Mark before = usage.mark();
            long windowStart = System.currentTimeMillis();
            List<StaggeredWriters.Commit> commits;
            ServerMetricsSampler sampler = new ServerMetricsSampler(server);
            try {
                commits = writers.run(options.durationSeconds() * 1000, options.commitIntervalMillis());
            } finally {
                sampler.close();
            }
            ProcessUsage.Mark after = usage.mark();
            long postgresAfter = CpuClocks.postgresNanos(postmaster);
            long windowEnd = System.currentTimeMillis();
            List<List<StaggeredWriters.Commit>> byTable = byTable(commits);
            long caughtUpAfter = awaitLast(watermarks, server, byTable);
            // what the server costs with nothing to apply, warmed up: polling every table's log
            ProcessUsage.Mark idleStart = usage.mark();
            Thread.sleep(IDLE_MILLIS);
            ProcessUsage.Mark idleEnd = usage.mark();
            // the memory of the load test itself, before the analysis below pages through the run history
            double rssMb = usage.maxRssMb();
            double peakRssMb = usage.peakRssMb();
            ResultPrinter.line("writer: %d commits (%.1f/s), %,d rows (%.0f/s), %d checkpoints; at most %d ms behind"
                    + " its schedule; every table showed its last commit %d ms after the writer stopped", commits.size(),
                    commits.size() / (double) options.durationSeconds(),
                    commits.stream().mapToLong(StaggeredWriters.Commit::rows).sum(),
                    commits.stream().mapToLong(StaggeredWriters.Commit::rows).sum() / (double) options.durationSeconds(),
                    writers.checkpoints(), writers.maxSlipMillis(), caughtUpAfter);

            FiftyTablesReport report = FiftyTablesReport.of(byTable, watermarks, targets);
            report.printPerTable();
            printServer(rssMb, peakRssMb, before, after, sampler, options);
            ResultPrinter.line("server CPU idle after the run, %d tables polled every %d ms: %.3f cores (%d s)",
                    targets.size(), options.pollIntervalMillis(), idleEnd.coresSince(idleStart), IDLE_MILLIS / 1000);
            printMachine(before, after, postgresBefore, postgresAfter);
            LagBreakdown breakdown = new LagBreakdown();
            for (int i = 0; i < targets.size(); i++) {
                breakdown.add(client, targets.get(i).toString(), byTable.get(i), watermarks, i, windowStart, windowEnd);
            }
            breakdown.print();
            printWorkerPool(breakdown, commits.size(), (windowEnd - windowStart) / 1000.0, options.workers());
            ResultPrinter.line("watcher: looked every %.1f ms on average", watermarks.meanPollMillis());
            ApplyLogSummary.print(server.logLines());
            ResultPrinter.line("stopped lakesync server with SIGTERM: exit code %d", server.stop());
            ResultPrinter.line(MachineLoad.describe());
            List<StaggeredWriters.Commit> first = byTable.get(0);
            if (!first.isEmpty()) {
                ContinuousReadProfile.print(writers.dirs().get(0), first.get(first.size() - 1).version());
            }
            report.printOverall(options);
            ResultPrinter.summary(String.format(Locale.ROOT, "fifty_tables_p99_lag_ms=%d rss_mb=%.0f",
                    report.overall().at(99), rssMb));
        }
    }

    private static void createSyncedTables(LakesyncClient client, List<Path> sources, List<TableName> targets) {
        for (int i = 0; i < targets.size(); i++) {
            client.createSyncedTable(SyncedTable.of(targets.get(i).toString(),
                    TableSpec.builder(sources.get(i).toString(), BenchTableShape.KEY)
                            .timeseriesKey(ContinuousRows.TIMESERIES_KEY)
                            .schedulingPolicy(SchedulingPolicy.CONTINUOUS)
                            .freshnessSlaSeconds(FiftyTablesOptions.SLA_MILLIS / 1000).build()));
        }
    }

    /** On a shared machine: whether the machine had CPU to spare, and how long the server waited for it. */
    private static void printMachine(ProcessUsage.Mark before, ProcessUsage.Mark after, long postgresBefore,
            long postgresAfter) {
        String postgres = postgresBefore < 0 || postgresAfter < 0 ? "CPU n/a (not a local server)"
                : String.format(Locale.ROOT, "%.2f cores", (postgresAfter - postgresBefore)
                        / (double) (after.wallNanos() - before.wallNanos()));
        ResultPrinter.line("machine while writing: %.2f of %d cores busy (all processes); PostgreSQL %s; the"
                + " server's threads waited for a CPU %.2f threads on average (run-queue time / wall)",
                after.machineCoresSince(before), Runtime.getRuntime().availableProcessors(), postgres,
                after.waitingThreadsSince(before));
    }

    private static void printWorkerPool(LagBreakdown breakdown, int commits, double windowSeconds, int workers) {
        ResultPrinter.line("worker pool: %d incremental runs in the writing window (%.1f versions per run);"
                + " busy %.0f%% of %d workers (run seconds / (wall x workers))", breakdown.incrementalRuns(),
                commits / (double) Math.max(1, breakdown.incrementalRuns()),
                100 * breakdown.runSecondsInWindow() / (windowSeconds * workers), workers);
    }

    private static void printServer(double rssMb, double peakRssMb, ProcessUsage.Mark before, ProcessUsage.Mark after,
            ServerMetricsSampler sampler, FiftyTablesOptions options) {
        ResultPrinter.line("server CPU while writing: %.2f cores (%.1f CPU s over %.1f s wall); RSS max %.0f MB"
                + " (sampled VmRSS), peak %.0f MB (VmHWM)", after.coresSince(before), after.cpuSecondsSince(before),
                (after.wallNanos() - before.wallNanos()) / 1e9, rssMb, peakRssMb);
        ResultPrinter.line("server metrics over %d scrapes (%d failed), mean/max: run queue depth %.1f/%.0f, runs in"
                + " progress %.1f/%.0f of %d workers, connections in use %.1f/%.0f of %d; its own max lag gauge %.1f s;"
                + " tables it flagged over their SLA: %s", sampler.scrapes(), sampler.failures(),
                sampler.queueDepth.mean(), sampler.queueDepth.max(), sampler.runsInProgress.mean(),
                sampler.runsInProgress.max(), options.workers(), sampler.connectionsInUse.mean(),
                sampler.connectionsInUse.max(), options.maxConnections(), sampler.maxLagSeconds.max(),
                flagged(sampler.breachedTables()));
    }

    private static String flagged(java.util.Set<String> tables) {
        if (tables.isEmpty()) {
            return "none";
        }
        return tables.size() + " (" + tables.stream().limit(3).collect(Collectors.joining(", "))
                + (tables.size() > 3 ? ", ..." : "") + ")";
    }

    private List<List<StaggeredWriters.Commit>> byTable(List<StaggeredWriters.Commit> commits) {
        Map<Integer, List<StaggeredWriters.Commit>> grouped = commits.stream()
                .collect(Collectors.groupingBy(StaggeredWriters.Commit::table));
        List<List<StaggeredWriters.Commit>> byTable = new ArrayList<>();
        for (int i = 0; i < options.tables(); i++) {
            List<StaggeredWriters.Commit> table = new ArrayList<>(grouped.getOrDefault(i, List.of()));
            table.sort(java.util.Comparator.comparingLong(StaggeredWriters.Commit::version));
            byTable.add(table);
        }
        return byTable;
    }

    /** Waits until every table's watermark reaches {@code version}, failing if the server dies or time runs out. */
    private static void awaitAll(TableWatermarks watermarks, ServerProcess server, long version, long timeoutMillis,
            String what) throws Exception {
        long deadline = System.currentTimeMillis() + timeoutMillis;
        while (watermarks.lowest() < version) {
            server.requireAlive();
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("Not every table reached " + what + " (version " + version + ") within "
                        + timeoutMillis / 1000 + " s; the slowest is at version " + watermarks.lowest() + ". Log: "
                        + server.log());
            }
            Thread.sleep(20);
        }
    }

    /**
     * Waits until every table shows its last commit, or the catch-up time is over (a table that never
     * catches up is reported, not hidden); returns how long after the writer stopped that was.
     */
    private static long awaitLast(TableWatermarks watermarks, ServerProcess server,
            List<List<StaggeredWriters.Commit>> byTable) throws Exception {
        long writerStopped = System.currentTimeMillis();
        long deadline = System.currentTimeMillis() + CATCH_UP_TIMEOUT_MS;
        while (System.currentTimeMillis() < deadline) {
            server.requireAlive();
            boolean all = true;
            for (int i = 0; i < byTable.size() && all; i++) {
                List<StaggeredWriters.Commit> table = byTable.get(i);
                all = table.isEmpty() || watermarks.latest(i) >= table.get(table.size() - 1).version();
            }
            if (all) {
                return System.currentTimeMillis() - writerStopped;
            }
            Thread.sleep(20);
        }
        return System.currentTimeMillis() - writerStopped;
    }

    /** The lag of one commit: first seen minus commit file time, or empty when it was never seen. */
    static OptionalLong lag(StaggeredWriters.Commit commit, TableWatermarks watermarks) {
        OptionalLong seen = watermarks.firstSeen(commit.table(), commit.version());
        return seen.isEmpty() ? OptionalLong.empty() : OptionalLong.of(seen.getAsLong() - commit.fileTimeMillis());
    }
}
