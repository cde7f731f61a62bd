package io.lakesync.server.incremental;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakesync.testkit.TestPostgres;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A backlog: after the first snapshot every other version lands at once, and one triggered run
 * must apply them all (collapsing the changes of many versions per key) and end equal to the
 * newest version; split into transactions of about one change row it must take several
 * transactions, each ending on a version, and still end equal.
 */
class CatchUpIT {

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"operations-cdf", "operations-nocdf", "deletion-vectors-cdf", "deletion-vectors-nocdf"})
    void appliesAWholeBacklogInOneRun(String fixture) {
        String jdbcUrl = TestPostgres.newDatabase();
        TargetDb db = new TargetDb(jdbcUrl);
        LiveDeltaTable table = LiveDeltaTable.stage(SparkFixtures.table(fixture), tmp);
        String target = "inc.backlog";

        table.publishThrough(0);
        Cli first = Cli.triggered(table.path(), target, jdbcUrl);
        assertEquals(0, first.exitCode(), first::toString);

        table.publishAll();
        long newest = table.newestFixtureVersion();
        Cli catchUp = Cli.triggered(table.path(), target, jdbcUrl);
        assertEquals(0, catchUp.exitCode(), catchUp::toString);
        ApplySummary summary = ApplySummary.last(catchUp.out()).orElseThrow(() -> new AssertionError(catchUp));
        assertEquals(1, summary.fromVersion(), catchUp::toString);
        assertEquals(newest, summary.toVersion(), catchUp::toString);
        assertEquals(1, summary.transactions(), catchUp::toString);
        assertEquals(OptionalLong.of(newest), db.watermark(target));
        assertVerifiesEqual(table, target, jdbcUrl, newest);

        TargetDb.Run run = db.lastRun(target);
        assertTrue(run.succeeded(), run::toString);
        assertEquals(0L, run.fromVersion(), run::toString);
        assertEquals(newest, run.toVersion(), run::toString);
        assertEquals(List.of(summary.inserted(), summary.updated(), summary.deleted()),
                List.of(run.rowsInserted(), run.rowsUpdated(), run.rowsDeleted()), run::toString);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"operations-cdf", "operations-nocdf", "deletion-vectors-cdf", "deletion-vectors-nocdf"})
    void splitsABacklogIntoTransactionsThatEachEndOnAVersion(String fixture) {
        String jdbcUrl = TestPostgres.newDatabase();
        TargetDb db = new TargetDb(jdbcUrl);
        LiveDeltaTable table = LiveDeltaTable.stage(SparkFixtures.table(fixture), tmp);
        String target = "inc.backlog_split";

        table.publishThrough(0);
        Cli first = Cli.triggered(table.path(), target, jdbcUrl);
        assertEquals(0, first.exitCode(), first::toString);

        table.publishAll();
        long newest = table.newestFixtureVersion();
        Cli catchUp = Cli.triggered(table.path(), target, jdbcUrl, "--max-rows-per-transaction", "1");
        assertEquals(0, catchUp.exitCode(), catchUp::toString);
        ApplySummary summary = ApplySummary.last(catchUp.out()).orElseThrow(() -> new AssertionError(catchUp));
        assertEquals(newest, summary.toVersion(), catchUp::toString);
        assertTrue(summary.transactions() > 1, () -> "expected several transactions:\n" + catchUp);
        assertTrue(summary.transactions() <= newest, () -> "at most one transaction per version:\n" + catchUp);
        assertEquals(OptionalLong.of(newest), db.watermark(target));
        assertVerifiesEqual(table, target, jdbcUrl, newest);
        TargetDb.Run run = db.lastRun(target);
        assertTrue(run.succeeded(), run::toString);
        assertEquals(0L, run.fromVersion(), run::toString);
        assertEquals(newest, run.toVersion(), run::toString);
    }

    private static void assertVerifiesEqual(LiveDeltaTable table, String target, String jdbcUrl, long version) {
        Cli verify = Cli.verify(table.path(), target, jdbcUrl);
        assertEquals(0, verify.exitCode(), verify::toString);
        assertTrue(verify.out().contains("at version " + version + " "), verify::toString);
    }
}
