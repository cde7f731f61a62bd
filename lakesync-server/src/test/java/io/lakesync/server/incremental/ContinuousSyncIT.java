package io.lakesync.server.incremental;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakesync.testkit.TestPostgres;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * CONTINUOUS mode in its own process (issue 3 item 1): it takes the first snapshot, then applies
 * each version a live writer publishes, and stops cleanly on SIGTERM: exit 0, the "stopped" line,
 * and the table at exactly one version.
 */
class ContinuousSyncIT {

    private static final Duration PATIENCE = Duration.ofSeconds(60);

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"operations-cdf", "deletion-vectors-nocdf"})
    void followsAWriterCommitByCommitAndStopsOnSigterm(String fixture) {
        String jdbcUrl = TestPostgres.newDatabase();
        TargetDb db = new TargetDb(jdbcUrl);
        LiveDeltaTable table = LiveDeltaTable.stage(SparkFixtures.table(fixture), tmp.resolve("delta"));
        String target = "live.followed";
        table.publishThrough(0);

        try (ChildCli sync = ChildCli.start(tmp.resolve("logs"), "continuous", List.of("sync", "--mode", "continuous",
                "--poll-interval-ms", "50", "--no-progress", "--source", table.path(), "--target", target,
                "--primary-key", "id", "--jdbc-url", jdbcUrl))) {
            awaitWatermark(db, target, 0, sync);
            while (table.published() < table.newestFixtureVersion()) {
                Await.sleep(200);
                long version = table.publishNext();
                awaitWatermark(db, target, version, sync);
            }
            assertEquals(OptionalLong.of(table.newestFixtureVersion()), db.watermark(target));
            Cli verify = Cli.verify(table.path(), target, jdbcUrl);
            assertEquals(0, verify.exitCode(), verify::toString);

            int exit = sync.terminate(30_000);
            assertEquals(OptionalLong.of(table.newestFixtureVersion()), db.watermark(target));
            assertStoppedCleanly(sync, exit, target, table.newestFixtureVersion());
        }
        List<String> problems = RunHistoryCheck.exactlyOnce(db.runs(target), table.newestFixtureVersion());
        assertTrue(problems.isEmpty(), () -> String.join("\n", problems) + "\nruns: " + db.runs(target));
    }

    /**
     * SIGTERM while a backlog is being applied in many transactions: the apply in flight commits
     * whole or rolls back, the process says where it stopped, and the table is at exactly that
     * version.
     */
    @Test
    void sigtermDuringABacklogLeavesTheTableAtOneVersion() {
        String jdbcUrl = TestPostgres.newDatabase();
        TargetDb db = new TargetDb(jdbcUrl);
        GrowingTable table = GrowingTable.create(tmp.resolve("growing"), 42);
        String target = "live.backlog";
        table.append(20_000, 0);
        Cli first = Cli.sync(table.path(), target, jdbcUrl, "--mode", "triggered", "--timeseries-key",
                GrowingTable.TIMESERIES_KEY);
        assertEquals(0, first.exitCode(), first::toString);
        for (int i = 0; i < 12; i++) {
            table.append(2_000, 8_000);
        }

        try (ChildCli sync = ChildCli.start(tmp.resolve("logs"), "sigterm", List.of("sync", "--mode", "continuous",
                "--poll-interval-ms", "50", "--no-progress", "--max-rows-per-transaction", "10000", "--source",
                table.path(), "--target", target, "--primary-key", GrowingTable.KEY, "--timeseries-key",
                GrowingTable.TIMESERIES_KEY, "--jdbc-url", jdbcUrl))) {
            // stop it once it has committed part of the backlog
            Await.until(PATIENCE, () -> db.watermark(target).orElse(-1) > 1 || !sync.isAlive(),
                    () -> "watermark " + db.watermark(target) + "\n" + sync.output());
            int exit = sync.terminate(30_000);
            long at = db.watermark(target).orElseThrow();
            Cli verify = Cli.verify(table.path(), target, jdbcUrl);
            assertEquals(0, verify.exitCode(), verify::toString);
            assertTrue(verify.out().contains("at version " + at + " "), verify::toString);
            assertStoppedCleanly(sync, exit, target, at);
        }
    }

    /** A SIGTERM ends the process with exit 0 after it said at which version it left the table. */
    private static void assertStoppedCleanly(ChildCli sync, int exit, String target, long version) {
        String output = sync.output();
        boolean said = output.contains("lakesync: stopped; " + target + " is at version " + version);
        assertTrue(said && exit == 0, () -> "after SIGTERM: exit code " + exit + " (expected 0), \"stopped\" line "
                + (said ? "printed" : "missing") + " (expected \"lakesync: stopped; " + target + " is at version "
                + version + "\")\n" + output);
    }

    private static void awaitWatermark(TargetDb db, String target, long version, ChildCli sync) {
        Await.until(PATIENCE, () -> db.watermark(target).orElse(-1) >= version || !sync.isAlive(),
                () -> "waiting for version " + version + ", watermark " + db.watermark(target) + "\n" + sync.output());
        if (!sync.isAlive()) {
            throw new AssertionError("continuous sync ended by itself (exit " + sync.waitFor(0) + ")\n" + sync.output());
        }
    }
}
