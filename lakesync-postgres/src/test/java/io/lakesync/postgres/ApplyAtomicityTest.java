package io.lakesync.postgres;

import static io.lakesync.postgres.IncrementalApplyTest.deletes;
import static io.lakesync.postgres.IncrementalApplyTest.upserts;
import static io.lakesync.postgres.SinkFixture.applyPlan;
import static io.lakesync.postgres.SinkFixture.col;
import static io.lakesync.postgres.SinkFixture.schema;
import static io.lakesync.postgres.SinkFixture.spec;
import static io.lakesync.postgres.SinkFixture.version;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakesync.core.error.ErrorCode;
import io.lakesync.core.error.LakesyncException;
import io.lakesync.core.model.ColumnType;
import io.lakesync.core.model.SyncedTableSpec;
import io.lakesync.core.model.TableName;
import io.lakesync.core.model.TableSchema;
import io.lakesync.core.spi.ApplyResult;
import io.lakesync.core.spi.ChangeBatch;
import io.lakesync.core.spi.ChangeKind;
import io.lakesync.core.spi.IncrementalApply;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** An apply moves a table from one version to the next whole or not at all: abandoned, killed or raced. */
class ApplyAtomicityTest {

    private static SinkFixture db;
    private static final TableSchema ITEMS = schema(col("id", ColumnType.LONG), col("name", ColumnType.STRING),
            col("qty", ColumnType.INT));
    private static final TableSchema ITEMS_WITH_NOTE = schema(col("id", ColumnType.LONG),
            col("name", ColumnType.STRING), col("qty", ColumnType.INT), col("note", ColumnType.STRING));

    @BeforeAll
    static void start() {
        db = new SinkFixture();
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    /** A table at version 1 with items 1..1000 named n1..n1000. */
    private static SyncedTableSpec synced(String table) {
        SyncedTableSpec spec = spec(table, "id");
        TestBatch.Builder rows = TestBatch.of(ITEMS);
        for (long id = 1; id <= 1000; id++) {
            rows.row(id, "n" + id, (int) id);
        }
        db.snapshot(spec, ITEMS, 1, rows.build());
        return spec;
    }

    /** Everything a reader can see of the table: its rows, its columns and its watermark. */
    private static List<List<String>> state(String table) {
        List<List<String>> state = new java.util.ArrayList<>(db.query("SELECT md5(string_agg(t::text, ',' ORDER BY id)),"
                + " count(*)::text FROM " + table + " t"));
        state.addAll(db.query("SELECT attname::text, format_type(atttypid, atttypmod) FROM pg_attribute"
                + " WHERE attrelid = '" + table + "'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum"));
        state.addAll(db.query("SELECT delta_version::text, row_count::text FROM lakesync.watermarks"
                + " WHERE table_name = '" + table + "'"));
        return state;
    }

    /** Updates 500..599 (with a note when the schema has that new column), inserts 2000..2099, deletes 1..10. */
    private static void stageChanges(IncrementalApply apply, TableSchema schema) {
        TestBatch.Builder changed = TestBatch.of(schema);
        for (long id = 500; id < 600; id++) {
            changed.row(schema.size() == 4 ? new Object[] {id, "changed" + id, 0, "note"}
                    : new Object[] {id, "changed" + id, 0});
        }
        for (long id = 2000; id < 2100; id++) {
            changed.row(schema.size() == 4 ? new Object[] {id, "new" + id, 1, null} : new Object[] {id, "new" + id, 1});
        }
        apply.write(new ChangeBatch(2, ChangeKind.UPSERT, changed.build()));
        apply.write(deletes(2, schema, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L));
    }

    @Test
    void closingWithoutCommitLeavesEverythingAsItWas() {
        SyncedTableSpec spec = synced("public.abandoned");
        List<List<String>> before = state("public.abandoned");
        try (IncrementalApply apply = db.sink.beginApply(applyPlan(spec, ITEMS_WITH_NOTE, 1, 2))) {
            stageChanges(apply, ITEMS_WITH_NOTE);
            assertEquals(210, apply.rowsStaged());
        }
        assertEquals(before, state("public.abandoned"));
        // and the next run applies the same range normally
        try (IncrementalApply apply = db.sink.beginApply(applyPlan(spec, ITEMS_WITH_NOTE, 1, 2))) {
            stageChanges(apply, ITEMS_WITH_NOTE);
            assertEquals(new ApplyResult(version(2), 100, 100, 10, 0), apply.commit());
        }
        assertEquals(List.of("2", "1090"), state("public.abandoned").get(state("public.abandoned").size() - 1));
    }

    @Test
    void killingTheBackendInsideTheUpsertLeavesTableAndWatermarkAtTheOldVersion() throws Exception {
        // a row lock on one of the updated rows holds the commit inside its upsert, after the deletes
        killDuringCommit("public.killed_upsert", ITEMS, "SELECT * FROM public.killed_upsert WHERE id = 550 FOR UPDATE",
                "INSERT");
    }

    @Test
    void killingTheBackendWhileItAltersTheColumnsLeavesTableAndWatermarkAtTheOldVersion() throws Exception {
        // an open reader holds the commit while it waits to add the new column
        killDuringCommit("public.killed_alter", ITEMS_WITH_NOTE, "SELECT count(*) FROM public.killed_alter", "ALTER");
    }

    private static void killDuringCommit(String table, TableSchema schema, String blockingQuery, String blockedStatement)
            throws Exception {
        SyncedTableSpec spec = synced(table);
        List<List<String>> before = state(table);
        try (Connection blocker = db.connect(); IncrementalApply apply = db.sink.beginApply(
                applyPlan(spec, schema, 1, 2))) {
            stageChanges(apply, schema);
            blocker.setAutoCommit(false);
            try (Statement s = blocker.createStatement()) {
                s.executeQuery(blockingQuery).close();
            }
            CompletableFuture<ApplyResult> commit = CompletableFuture.supplyAsync(apply::commit);
            int pid = waitForLakesyncBackendWaitingOnALock(blockedStatement);
            assertEquals("true", db.scalar("SELECT pg_terminate_backend(" + pid + ")::text"));
            blocker.rollback();
            ExecutionException failure = assertThrows(ExecutionException.class, () -> commit.get(30, TimeUnit.SECONDS));
            LakesyncException e = (LakesyncException) failure.getCause();
            assertEquals(ErrorCode.TARGET_UNAVAILABLE, e.code(), e.getMessage());
            assertTrue(e.getMessage().contains("keeps serving version 1"), e.getMessage());
        }
        assertEquals(before, state(table));
    }

    @Test
    void aSecondRunnerOfTheSameRangeWaitsThenFindsTheWatermarkMoved() throws Exception {
        SyncedTableSpec spec = synced("public.raced");
        try (IncrementalApply first = db.sink.beginApply(applyPlan(spec, ITEMS_WITH_NOTE, 1, 2))) {
            stageChanges(first, ITEMS_WITH_NOTE);
            CompletableFuture<IncrementalApply> second = CompletableFuture.supplyAsync(
                    () -> db.sink.beginApply(applyPlan(spec, ITEMS_WITH_NOTE, 1, 2)));
            waitForLakesyncBackendWaitingOnALock("FOR UPDATE");
            assertEquals(new ApplyResult(version(2), 100, 100, 10, 0), first.commit());
            ExecutionException failure = assertThrows(ExecutionException.class, () -> second.get(30, TimeUnit.SECONDS));
            LakesyncException e = (LakesyncException) failure.getCause();
            assertEquals(ErrorCode.TARGET_CONFLICT, e.code());
            assertTrue(e.getMessage().contains("is at version 2, not at version 1"), e.getMessage());
        }
        assertEquals(version(2), db.sink.watermark(TableName.parse("public.raced")).orElseThrow().version());
        assertEquals("1090", db.scalar("SELECT count(*) FROM public.raced"));
        // neither the committed nor the refused apply keeps its connection: both are back in the pool,
        // with no transaction left open on them
        assertEquals(0, db.sink.connectionsInUse());
        assertEquals("0", db.scalar("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                + " AND application_name = 'lakesync' AND state <> 'idle'"));
    }

    @Test
    void aFailureInsideCommitRollsBackTheColumnsItAddedAndTheRowsItChanged() {
        SyncedTableSpec spec = synced("public.failed_commit");
        db.execute("ALTER TABLE public.failed_commit ADD CONSTRAINT qty_not_negative CHECK (qty >= 0)");
        List<List<String>> before = state("public.failed_commit");
        LakesyncException e = assertThrows(LakesyncException.class, () -> db.apply(spec, ITEMS_WITH_NOTE, 1, 2,
                deletes(2, ITEMS_WITH_NOTE, 1L, 2L),
                upserts(2, ITEMS_WITH_NOTE, new Object[] {5L, "x", 1, "a"}, new Object[] {6L, "y", -2, "b"})));
        assertEquals(ErrorCode.INTERNAL_ERROR, e.code());
        assertTrue(e.getMessage().contains("qty_not_negative"), e.getMessage());
        assertTrue(e.getMessage().contains("keeps serving version 1"), e.getMessage());
        assertEquals(before, state("public.failed_commit"));
    }

    /** The pid of the sink's backend once it waits for a lock in a statement containing {@code text}. */
    private static int waitForLakesyncBackendWaitingOnALock(String text) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        try (Connection c = db.connect()) {
            while (System.nanoTime() < deadline) {
                try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT pid FROM pg_stat_activity"
                        + " WHERE datname = current_database() AND application_name = 'lakesync'"
                        + " AND wait_event_type = 'Lock' AND query LIKE '%" + text + "%'")) {
                    if (rs.next()) {
                        return rs.getInt(1);
                    }
                }
                Thread.sleep(20);
            }
        }
        throw new AssertionError("no lakesync backend waited for a lock in a statement with " + text);
    }
}
