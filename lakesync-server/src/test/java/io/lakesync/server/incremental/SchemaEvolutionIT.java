package io.lakesync.server.incremental;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakesync.server.cli.LakesyncCli;
import io.lakesync.testkit.TestPostgres;
import java.nio.file.Path;
import java.util.Map;
import java.util.OptionalLong;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Schema changes of the source under a triggered sync (issue 3 item 4): added columns and widened
 * types are followed; dropped and renamed columns stop the table with
 * SCHEMA_CHANGE_REQUIRES_FULL_REFRESH while it keeps serving its last version, until a full
 * refresh (a snapshot sync) brings it back.
 */
class SchemaEvolutionIT {

    private static final String SCHEMA = "evo";

    @TempDir
    Path tmp;

    private String jdbcUrl;
    private TargetDb db;

    @BeforeEach
    void freshDatabase() {
        jdbcUrl = TestPostgres.newDatabase();
        db = new TargetDb(jdbcUrl);
    }

    @Test
    void anAddedColumnIsAddedAndFilled() {
        LiveDeltaTable table = LiveDeltaTable.stage(SparkFixtures.table("schema-add-column"), tmp);
        String target = SCHEMA + ".added";
        firstSyncAt(table, target, 1);
        assertEquals(Map.of("id", "bigint", "name", "text"), db.columnTypes(SCHEMA, "added"));

        table.publishNext(); // v2: ALTER TABLE T ADD COLUMNS (score DOUBLE)
        syncAndVerify(table, target, 2);
        assertEquals("double precision", db.columnTypes(SCHEMA, "added").get("score"),
                () -> "columns: " + db.columnTypes(SCHEMA, "added"));

        table.publishNext(); // v3: rows with a score
        syncAndVerify(table, target, 3);
        table.publishNext(); // v4: UPDATE of the new column in older rows
        syncAndVerify(table, target, 4);
        assertEquals(Map.of("id", "bigint", "name", "text", "score", "double precision"),
                db.columnTypes(SCHEMA, "added"));
    }

    @Test
    void aWidenedTypeIsWidened() {
        LiveDeltaTable table = LiveDeltaTable.stage(SparkFixtures.table("schema-widen-type"), tmp);
        String target = SCHEMA + ".widened";
        firstSyncAt(table, target, 1);
        assertEquals("integer", db.columnTypes(SCHEMA, "widened").get("qty"));

        table.publishNext(); // v2: ALTER TABLE T ALTER COLUMN qty TYPE BIGINT
        syncAndVerify(table, target, 2);
        assertEquals("bigint", db.columnTypes(SCHEMA, "widened").get("qty"),
                () -> "columns: " + db.columnTypes(SCHEMA, "widened"));

        table.publishNext(); // v3: values that need a bigint
        syncAndVerify(table, target, 3);
        assertEquals(Map.of("id", "bigint", "qty", "bigint", "ratio", "real"), db.columnTypes(SCHEMA, "widened"));
    }

    @Test
    void aDroppedColumnStopsTheTableUntilAFullRefresh() {
        stopsUntilFullRefresh("schema-drop-column", SCHEMA + ".dropped", "gone");
    }

    @Test
    void aRenamedColumnStopsTheTableUntilAFullRefresh() {
        stopsUntilFullRefresh("schema-rename-column", SCHEMA + ".renamed", "before");
    }

    private void stopsUntilFullRefresh(String fixture, String target, String column) {
        LiveDeltaTable table = LiveDeltaTable.stage(SparkFixtures.table(fixture), tmp);
        firstSyncAt(table, target, 1);
        Map<Long, TargetDb.StoredRow> served = db.rows(target);

        table.publishNext(); // v2: the column is dropped or renamed
        Cli stopped = Cli.triggered(table.path(), target, jdbcUrl);
        assertEquals(LakesyncCli.EXIT_FAILED, stopped.exitCode(), stopped::toString);
        assertTrue(stopped.err().contains("SCHEMA_CHANGE_REQUIRES_FULL_REFRESH"), stopped::toString);
        assertTrue(stopped.err().contains(column), () -> "the error should name the column " + column + ":\n" + stopped);
        assertStillServesVersion(table, target, 1, served);
        TargetDb.Run failed = db.lastRun(target);
        assertEquals("FAILED", failed.outcome(), failed::toString);
        assertEquals("SCHEMA_CHANGE_REQUIRES_FULL_REFRESH", failed.errorCode(), failed::toString);

        table.publishNext(); // v3: more rows in the new schema; the table stays stopped
        Cli stillStopped = Cli.triggered(table.path(), target, jdbcUrl);
        assertEquals(LakesyncCli.EXIT_FAILED, stillStopped.exitCode(), stillStopped::toString);
        assertTrue(stillStopped.err().contains("SCHEMA_CHANGE_REQUIRES_FULL_REFRESH"), stillStopped::toString);
        assertStillServesVersion(table, target, 1, served);

        Cli refresh = Cli.sync(table.path(), target, jdbcUrl, "--mode", "snapshot");
        assertEquals(0, refresh.exitCode(), refresh::toString);
        assertEquals(OptionalLong.of(3), db.watermark(target));
        Cli verify = Cli.verify(table.path(), target, jdbcUrl);
        assertEquals(0, verify.exitCode(), verify::toString);
        String[] parts = target.split("\\.");
        assertFalse(db.columnTypes(parts[0], parts[1]).containsKey(column),
                () -> "after the full refresh: " + db.columnTypes(parts[0], parts[1]));

        Cli followsAgain = Cli.triggered(table.path(), target, jdbcUrl);
        assertEquals(0, followsAgain.exitCode(), followsAgain::toString);
        assertTrue(followsAgain.out().contains("already at the newest version 3"), followsAgain::toString);
    }

    private void assertStillServesVersion(LiveDeltaTable table, String target, long version,
            Map<Long, TargetDb.StoredRow> served) {
        assertEquals(OptionalLong.of(version), db.watermark(target));
        assertEquals(served, db.rows(target), "the table must keep serving version " + version + " untouched");
        Cli verify = Cli.verify(table.path(), target, jdbcUrl, "--version", String.valueOf(version));
        assertEquals(0, verify.exitCode(), verify::toString);
    }

    private void firstSyncAt(LiveDeltaTable table, String target, long version) {
        table.publishThrough(version);
        Cli first = Cli.triggered(table.path(), target, jdbcUrl);
        assertEquals(0, first.exitCode(), first::toString);
        assertEquals(OptionalLong.of(version), db.watermark(target));
    }

    private void syncAndVerify(LiveDeltaTable table, String target, long version) {
        Cli sync = Cli.triggered(table.path(), target, jdbcUrl);
        assertEquals(0, sync.exitCode(), sync::toString);
        assertEquals(OptionalLong.of(version), db.watermark(target), sync::toString);
        Cli verify = Cli.verify(table.path(), target, jdbcUrl);
        assertEquals(0, verify.exitCode(), verify::toString);
        assertTrue(verify.out().contains("at version " + version + " "), verify::toString);
    }
}
