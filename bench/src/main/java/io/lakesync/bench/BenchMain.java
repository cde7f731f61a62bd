package io.lakesync.bench;

import java.util.Arrays;
import java.util.List;

/**
 * Entry point of the benchmark harness; {@code bench/run} chooses the JVM options per benchmark
 * and calls this. Benchmarks are tools, not tests: they print figures and never judge them.
 */
public final class BenchMain {

    private BenchMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0) {
            usage();
            System.exit(2);
        }
        List<String> options = Arrays.asList(args).subList(1, args.length);
        switch (args[0]) {
            case "snapshot":
                new SnapshotBenchmark(options.contains("--profile")).run();
                break;
            case "snapshot-10m":
                new Snapshot10mBenchmark().run();
                break;
            case "incremental":
                new IncrementalBenchmark().run();
                break;
            case "continuous":
                new ContinuousBenchmark(ContinuousBenchmark.Options.parse(options)).run();
                break;
            case "fifty-tables":
                new FiftyTablesBenchmark(FiftyTablesOptions.parse(options)).run();
                break;
            case "portal":
                new PortalBenchmark(PortalOptions.parse(options)).run();
                break;
            case "prepare":
                // generation in a JVM of its own, so that the benchmark's heap figures are the sync's alone
                prepare(options);
                break;
            default:
                usage();
                System.exit(2);
        }
        // the embedded PostgreSQL stops in a shutdown hook
        System.exit(0);
    }

    private static void prepare(List<String> names) {
        for (String name : names) {
            if (name.equals("snapshot")) {
                BenchDataset.SNAPSHOT_1M.ensure();
            } else if (name.equals("snapshot-10m")) {
                BenchDataset.SNAPSHOT_10M.ensure();
            } else if (name.equals("incremental")) {
                IncrementalDataset.ensure();
            } else if (name.equals("continuous") || name.equals("fifty-tables") || name.equals("portal")) {
                // nothing to prepare: their tables are written while they run (portal: by SQL, in seconds)
            } else {
                throw new IllegalArgumentException("No data set for benchmark '" + name + "'");
            }
        }
    }

    private static void usage() {
        System.err.println("usage: BenchMain snapshot [--profile] | snapshot-10m | incremental | continuous [--duration S] | fifty-tables [--tables N] [--duration S] [--commit-interval-ms MS] | portal [--duration S] [--incidents N] [--pool-size N] [--profile] | prepare NAME...  (use bench/run)");
    }
}
