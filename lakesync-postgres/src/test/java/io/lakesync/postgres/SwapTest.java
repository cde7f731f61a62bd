package io.lakesync.postgres;

import static io.lakesync.postgres.SinkFixture.col;
import static io.lakesync.postgres.SinkFixture.schema;
import static io.lakesync.postgres.SinkFixture.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakesync.core.error.ErrorCode;
import io.lakesync.core.error.LakesyncException;
import io.lakesync.core.model.ColumnType;
import io.lakesync.core.model.SourceVersion;
import io.lakesync.core.model.TableName;
import io.lakesync.core.model.TableSchema;
import io.lakesync.core.spi.SnapshotLoad;
import io.lakesync.core.spi.SnapshotPlan;
import io.lakesync.core.spi.TextPolicy;
import io.lakesync.core.spi.Watermark;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Replacing a target: atomic, with the watermark, only for tables lakesync made, and nothing left behind. */
class SwapTest {

    private static SinkFixture db;
    private static final TableSchema SCHEMA = schema(col("id", ColumnType.INT), col("name", ColumnType.STRING));

    @BeforeAll
    static void start() {
        db = new SinkFixture();
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    private static TestBatch rows(int from, int to, String name) {
        TestBatch.Builder b = TestBatch.of(SCHEMA);
        for (int i = from; i < to; i++) {
            b.row(i, name + i);
        }
        return b.build();
    }

    private static String leftovers(String table) {
        return db.scalar("SELECT count(*) FROM pg_class WHERE relname LIKE '" + table + "\\_ls%'");
    }

    @Test
    void aResyncReplacesTheContentAndTheWatermark() {
        db.snapshot(spec("sales.items", "id"), SCHEMA, 1, rows(0, 100, "a"));
        assertEquals("100", db.scalar("SELECT count(*) FROM sales.items"));
        db.snapshot(spec("sales.items", "id"), SCHEMA, 2, rows(50, 60, "b"));
        assertEquals(List.of("10", "b50", "b59"), db.query("SELECT count(*)::text, min(name), max(name) FROM sales.items").get(0));
        Watermark watermark = db.sink.watermark(TableName.parse("sales.items")).orElseThrow();
        assertEquals(new SourceVersion(2, Instant.parse("2024-05-01T10:00:02Z")), watermark.version());
        assertEquals(10, watermark.rowCount());
        assertEquals("0", leftovers("items"));
        assertEquals("items_pkey", db.scalar("SELECT conname FROM pg_constraint WHERE conrelid = 'sales.items'::regclass"));
        // an empty version empties the table, it does not keep the old rows
        db.snapshot(spec("sales.items", "id"), SCHEMA, 3);
        assertEquals("0", db.scalar("SELECT count(*) FROM sales.items"));
        assertEquals(0, db.sink.watermark(TableName.parse("sales.items")).orElseThrow().rowCount());
    }

    @Test
    void aTableLakesyncDidNotCreateIsNeverReplaced() {
        db.execute("CREATE TABLE public.theirs (id int PRIMARY KEY, name text)");
        db.execute("INSERT INTO public.theirs VALUES (1, 'keep me')");
        LakesyncException e = assertThrows(LakesyncException.class,
                () -> db.snapshot(spec("public.theirs", "id"), SCHEMA, 1, rows(0, 5, "x")));
        assertEquals(ErrorCode.TARGET_CONFLICT, e.code());
        assertTrue(e.getMessage().contains("not created by lakesync"), e.getMessage());
        assertTrue(e.getMessage().contains("drop or rename"), e.getMessage());
        assertEquals(List.of(List.of("1", "keep me")), db.query("SELECT * FROM public.theirs"));
        assertEquals("0", leftovers("theirs"));
    }

    @Test
    void closeWithoutCommitLeavesTheOldTableAndNoShadow() throws Exception {
        db.snapshot(spec("public.kept", "id"), SCHEMA, 1, rows(0, 3, "old"));
        String shadow;
        try (SnapshotLoad load = db.sink.beginSnapshot(new SnapshotPlan(spec("public.kept", "id"), SCHEMA,
                new SourceVersion(2, Instant.now()), 1, TextPolicy.FAIL))) {
            load.write(rows(0, 1000, "new"));
            assertEquals(1000, load.rowsWritten());
            shadow = ((io.lakesync.postgres.internal.PostgresSnapshotLoad) load).names().shadow();
            // the shadow exists only inside the load's transaction: nobody else sees it
            assertEquals("0", db.scalar("SELECT count(*) FROM pg_class WHERE relname = '" + shadow + "'"));
        }
        assertEquals(List.of("3", "old0"), db.query("SELECT count(*)::text, min(name) FROM public.kept").get(0));
        assertEquals("1", db.scalar("SELECT delta_version FROM lakesync.watermarks WHERE table_name = 'public.kept'"));
        assertEquals("0", leftovers("kept"));
        assertEquals("0", db.scalar("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                + " AND state LIKE 'idle in transaction%'"));
    }

    @Test
    void grantsOnTheTableSurviveAResync() {
        db.snapshot(spec("public.granted", "id"), SCHEMA, 1, rows(0, 3, "a"));
        db.execute("DO $$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'app_reader') THEN"
                + " CREATE ROLE app_reader; END IF; END $$");
        db.execute("GRANT SELECT ON public.granted TO app_reader");
        db.snapshot(spec("public.granted", "id"), SCHEMA, 2, rows(0, 4, "b"));
        assertEquals("true", db.scalar("SELECT has_table_privilege('app_reader', 'public.granted', 'SELECT')::text"));
        assertEquals("false", db.scalar("SELECT has_table_privilege('app_reader', 'public.granted', 'INSERT')::text"));
    }

    @Test
    void aDependentViewStopsTheSwapWithAClearError() {
        db.snapshot(spec("public.viewed", "id"), SCHEMA, 1, rows(0, 3, "a"));
        db.execute("CREATE VIEW public.viewed_names AS SELECT name FROM public.viewed");
        LakesyncException e = assertThrows(LakesyncException.class,
                () -> db.snapshot(spec("public.viewed", "id"), SCHEMA, 2, rows(0, 5, "b")));
        assertEquals(ErrorCode.TARGET_CONFLICT, e.code());
        assertTrue(e.getMessage().contains("depend"), e.getMessage());
        assertEquals("3", db.scalar("SELECT count(*) FROM public.viewed_names"));
    }

    @Test
    void aLongReaderMakesTheSwapFailWithLockTimeoutWhenTheBudgetRunsOut() throws Exception {
        try (SinkFixture impatient = new SinkFixture(PostgresSinkOptions.defaults()
                .withSwapRetryBudget(Duration.ofMillis(700)))) {
            impatient.snapshot(spec("public.busy", "id"), SCHEMA, 1, rows(0, 3, "a"));
            try (Connection reader = impatient.connect()) {
                reader.setAutoCommit(false);
                try (Statement s = reader.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM public.busy")) {
                    rs.next();
                }
                long start = System.nanoTime();
                LakesyncException e = assertThrows(LakesyncException.class,
                        () -> impatient.snapshot(spec("public.busy", "id"), SCHEMA, 2, rows(0, 9, "b")));
                long millis = (System.nanoTime() - start) / 1_000_000;
                assertEquals(ErrorCode.LOCK_TIMEOUT, e.code());
                assertTrue(e.getMessage().contains("pg_stat_activity"), e.getMessage());
                assertTrue(millis >= 700 && millis < 5_000, "gave up after " + millis + " ms");
                reader.rollback();
            }
            assertEquals("3", impatient.scalar("SELECT count(*) FROM public.busy"));
            assertEquals("0", impatient.scalar("SELECT count(*) FROM pg_class WHERE relname LIKE 'busy\\_ls%'"));
        }
    }

    @Test
    void targetNamesAtTheIdentifierLimitStayDistinct() {
        String table = "t".repeat(63);
        db.snapshot(spec("public." + table, "id"), SCHEMA, 1, rows(0, 2, "a"));
        db.snapshot(spec("public." + table, "id"), SCHEMA, 2, rows(0, 3, "b"));
        assertEquals("3", db.scalar("SELECT count(*) FROM public." + table));
        assertEquals("t".repeat(58) + "_pkey", db.scalar("SELECT conname FROM pg_constraint WHERE conrelid = 'public."
                + table + "'::regclass"));
        LakesyncException e = assertThrows(LakesyncException.class,
                () -> db.snapshot(spec("public." + "t".repeat(64), "id"), SCHEMA, 1, rows(0, 2, "a")));
        assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
    }
}
