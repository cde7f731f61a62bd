package io.lakesync.bench;

import io.lakesync.core.spi.ChangeBatch;
import io.lakesync.core.spi.ChangeSet;
import io.lakesync.core.spi.CloseableIterator;
import io.lakesync.delta.DeltaTableSource;
import java.nio.file.Path;
import java.util.List;

/**
 * The source's share of a continuous sync's delay, measured after the run on the final log: what
 * each Delta call a poll and an apply of one new version make costs (the newest version, which is a
 * Kernel snapshot load; the commit list; the change set of one version, read whole).
 */
final class ContinuousReadProfile {

    private static final int VERSIONS = 20;

    private ContinuousReadProfile() {
    }

    static void print(Path table, long lastVersion) {
        DeltaTableSource source = DeltaTableSource.open(table.toString()).withKeyColumns(List.of(BenchTableShape.KEY));
        long first = Math.max(2, lastVersion - VERSIONS + 1);
        readVersion(source, first); // warm-up
        int n = (int) (lastVersion - first + 1);
        long[] latest = new long[n];
        long[] commits = new long[n];
        long[] changes = new long[n];
        for (int i = 0; i < n; i++) {
            long v = first + i;
            long t0 = System.nanoTime();
            source.latestVersion();
            long t1 = System.nanoTime();
            source.commits(v - 1, v);
            long t2 = System.nanoTime();
            readVersion(source, v);
            long t3 = System.nanoTime();
            latest[i] = (t1 - t0) / 1_000;
            commits[i] = (t2 - t1) / 1_000;
            changes[i] = (t3 - t2) / 1_000;
        }
        ResultPrinter.line("profile: Delta calls on the final log (%d versions), p50/max in ms over %d versions:"
                + " latest version (snapshot load) %s; commit list of one version %s; change set of one version,"
                + " opened and read %s", lastVersion + 1, n, millis(latest), millis(commits), millis(changes));
    }

    private static String millis(long[] micros) {
        Percentiles p = new Percentiles(micros);
        return String.format(java.util.Locale.ROOT, "%.1f/%.1f", p.at(50) / 1000.0, p.max() / 1000.0);
    }

    private static void readVersion(DeltaTableSource source, long version) {
        ChangeSet changes = source.changes(version - 1, version, List.of());
        try (CloseableIterator<ChangeBatch> batches = changes.batches()) {
            while (batches.hasNext()) {
                batches.next();
            }
        }
    }
}
