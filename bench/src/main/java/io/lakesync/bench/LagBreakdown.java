package io.lakesync.bench;

import io.lakesync.client.LakesyncClient;
import io.lakesync.client.model.Run;
import io.lakesync.client.model.RunPage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * Where the lag goes, from the server's run history: for each commit, the run that applied it (the
 * first succeeded run whose to_version reaches the commit's version) splits the lag into the part
 * before the run's record starts (the poller noticing the version, the run waiting for a worker,
 * then the run's Kernel calls for the newest version and the commit list, which come before the
 * record), the run (reading the changes, applying them in PostgreSQL), and the rest (the commit
 * becoming visible to the watcher). Run times are the server's clock, commit times the file
 * system's: one machine, one clock.
 */
final class LagBreakdown {

    private final List<Long> waits = new ArrayList<>();
    private final List<Long> runs = new ArrayList<>();
    private final List<Long> publishes = new ArrayList<>();
    private long incrementalRuns;
    private double runSecondsInWindow;
    private long commitsMatched;

    /**
     * Adds one table: its commits (in version order), with first-seen times from the watcher.
     * {@code windowStart}/{@code windowEnd} bound the runs counted for worker use (epoch millis).
     */
    void add(LakesyncClient client, String table, List<StaggeredWriters.Commit> commits, TableWatermarks seen,
            int index, long windowStart, long windowEnd) {
        List<Run> succeeded = succeededRuns(client, table);
        for (Run run : succeeded) {
            long start = run.startedAt().toEpochMilli();
            if (run.fromVersion() != null && start >= windowStart && start < windowEnd) {
                incrementalRuns++;
                runSecondsInWindow += (run.endedAt().toEpochMilli() - start) / 1000.0;
            }
        }
        int r = 0;
        for (StaggeredWriters.Commit commit : commits) {
            while (r < succeeded.size() && succeeded.get(r).toVersion() < commit.version()) {
                r++;
            }
            OptionalLong visible = seen.firstSeen(index, commit.version());
            if (r == succeeded.size() || visible.isEmpty()) {
                continue;
            }
            Run run = succeeded.get(r);
            long started = run.startedAt().toEpochMilli();
            long ended = run.endedAt().toEpochMilli();
            waits.add(started - commit.fileTimeMillis());
            runs.add(ended - started);
            publishes.add(visible.getAsLong() - ended);
            commitsMatched++;
        }
    }

    private static List<Run> succeededRuns(LakesyncClient client, String table) {
        List<Run> all = new ArrayList<>();
        String token = null;
        do {
            RunPage page = client.runs(table, 500, token);
            all.addAll(page.runs());
            token = page.nextPageToken();
        } while (token != null && !token.isEmpty());
        return all.stream()
                .filter(r -> "SUCCEEDED".equals(r.outcome()) && r.toVersion() != null && r.endedAt() != null)
                .sorted(Comparator.comparingLong(Run::toVersion)).toList();
    }

    long incrementalRuns() {
        return incrementalRuns;
    }

    /** Seconds the workers spent in incremental runs that started inside the window. */
    double runSecondsInWindow() {
        return runSecondsInWindow;
    }

    void print() {
        ResultPrinter.line("lag breakdown over %d commits (ms, p50/p99/max): commit to run record (poll, queue,"
                + " Kernel newest version + commit list) %s; run record (read changes + apply) %s; run end to seen"
                + " by the watcher %s", commitsMatched, stats(waits), stats(runs), stats(publishes));
    }

    private static String stats(List<Long> values) {
        Percentiles p = new Percentiles(values.stream().mapToLong(Long::longValue).toArray());
        return String.format(Locale.ROOT, "%d/%d/%d", p.at(50), p.at(99), p.max());
    }
}
