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
 * History gone (issue 3 item 5): the commits after the watermark were cleaned up (log retention
 * after a checkpoint), so the changes cannot be read. A triggered sync must fall back to a full
 * snapshot by itself, say so, count it in the run history, end equal, and follow the table
 * incrementally again afterwards.
 */
class HistoryGoneIT {

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"operations-cdf", "operations-nocdf"})
    void fallsBackToASnapshotWhenTheCommitsAfterTheWatermarkAreGone(String fixture) {
        String jdbcUrl = TestPostgres.newDatabase();
        TargetDb db = new TargetDb(jdbcUrl);
        LiveDeltaTable table = LiveDeltaTable.stage(SparkFixtures.table(fixture), tmp);
        String target = "inc.retained";
        long checkpoint = table.fixtureCheckpointVersion().orElseThrow();

        table.publishThrough(1);
        Cli first = Cli.triggered(table.path(), target, jdbcUrl);
        assertEquals(0, first.exitCode(), first::toString);
        assertEquals(OptionalLong.of(1), db.watermark(target));

        // the writer goes on and checkpoints; log retention then removes every commit before the checkpoint
        table.publishThrough(checkpoint);
        table.expireCommitsThrough(checkpoint - 1);

        Cli fallback = Cli.triggered(table.path(), target, jdbcUrl);
        assertEquals(0, fallback.exitCode(), fallback::toString);
        assertTrue(fallback.out().contains("history after the last synced version is gone: full snapshot"),
                fallback::toString);
        assertEquals(OptionalLong.of(checkpoint), db.watermark(target));
        TargetDb.Run run = db.lastRun(target);
        assertTrue(run.succeeded(), run::toString);
        assertEquals(1, run.snapshotFallbacks(), run::toString);
        assertEquals(List.of(checkpoint, checkpoint), List.of(run.fromVersion(), run.toVersion()), run::toString);
        assertEquals(1, db.runs(target).stream().mapToInt(TargetDb.Run::snapshotFallbacks).sum(),
                () -> "fallbacks counted: " + db.runs(target));
        Cli verify = Cli.verify(table.path(), target, jdbcUrl);
        assertEquals(0, verify.exitCode(), verify::toString);

        // afterwards the table is followed by its changes again
        long next = table.publishNext();
        Cli incremental = Cli.triggered(table.path(), target, jdbcUrl);
        assertEquals(0, incremental.exitCode(), incremental::toString);
        ApplySummary summary = ApplySummary.last(incremental.out())
                .orElseThrow(() -> new AssertionError("expected an incremental apply:\n" + incremental));
        assertEquals(List.of(next, next), List.of(summary.fromVersion(), summary.toVersion()), incremental::toString);
        assertEquals(OptionalLong.of(next), db.watermark(target));
        Cli verifyNext = Cli.verify(table.path(), target, jdbcUrl);
        assertEquals(0, verifyNext.exitCode(), verifyNext::toString);
        assertEquals(1, db.runs(target).stream().mapToInt(TargetDb.Run::snapshotFallbacks).sum(),
                () -> "fallbacks counted: " + db.runs(target));
    }
}
