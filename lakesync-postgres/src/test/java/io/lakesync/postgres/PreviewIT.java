package io.lakesync.postgres;

import static io.lakesync.postgres.IncrementalApplyTest.deletes;
import static io.lakesync.postgres.IncrementalApplyTest.upserts;
import static io.lakesync.postgres.SinkFixture.applyPlan;
import static io.lakesync.postgres.SinkFixture.col;
import static io.lakesync.postgres.SinkFixture.schema;
import static io.lakesync.postgres.SinkFixture.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lakesync.core.error.ErrorCode;
import io.lakesync.core.error.LakesyncException;
import io.lakesync.core.model.ColumnType;
import io.lakesync.core.model.SyncMode;
import io.lakesync.core.model.SyncedTableSpec;
import io.lakesync.core.model.TableSchema;
import io.lakesync.core.spi.ApplyResult;
import io.lakesync.core.spi.ChangeBatch;
import io.lakesync.core.spi.ChangeKind;
import io.lakesync.core.spi.IncrementalApply;
import io.lakesync.core.spi.PreviewResult;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The dry run of an apply: its counts equal what the real apply of the same changes then does,
 * and it leaves target, columns, watermark, definitions and runs exactly as they were.
 */
class PreviewIT {

    private static final TableSchema ITEMS = schema(col("id", ColumnType.LONG), col("name", ColumnType.STRING),
            col("qty", ColumnType.INT));

    private static SinkFixture db;

    @BeforeAll
    static void start() {
        db = new SinkFixture();
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    /** Everything a preview must not change: rows (with their row versions), columns, watermark, catalog. */
    private static List<List<String>> state(String table) {
        return List.of(
                db.query("SELECT string_agg(t::text || '@' || xmin::text, ';' ORDER BY 1) FROM " + table + " t").get(0),
                db.query("SELECT string_agg(attname || ' ' || format_type(atttypid, atttypmod), ', ' ORDER BY attnum)"
                        + " FROM pg_attribute WHERE attrelid = '" + table + "'::regclass AND attnum > 0"
                        + " AND NOT attisdropped").get(0),
                db.query("SELECT delta_version::text, row_count::text, run_id::text, synced_at::text"
                        + " FROM lakesync.watermarks WHERE table_name = '" + table + "'").get(0),
                db.query("SELECT (SELECT count(*) FROM lakesync.runs)::text,"
                        + " (SELECT string_agg(name || updated_at::text, ';') FROM lakesync.synced_tables)").get(0));
    }

    private static PreviewResult preview(SyncedTableSpec spec, TableSchema schema, long from, long to, int sampleKeys,
            ChangeBatch... batches) {
        try (IncrementalApply apply = db.sink.beginApply(applyPlan(spec, schema, from, to))) {
            for (ChangeBatch batch : batches) {
                apply.write(batch);
            }
            return apply.preview(sampleKeys);
        }
    }

    private static PreviewResult expected(long from, long to, ApplyResult applied, List<String> inserts,
            List<String> updates, List<String> deletes) {
        return new PreviewResult(false, from, to, applied.rowsInserted(), applied.rowsUpdated(), applied.rowsDeleted(),
                inserts, updates, deletes);
    }

    @Test
    void thePreviewCountsWhatTheApplyThenDoesAndChangesNothing() {
        SyncedTableSpec spec = spec("public.previewed", "id");
        db.sink.runHistory().start(spec, SyncMode.TRIGGERED);
        db.snapshot(spec, ITEMS, 1, TestBatch.of(ITEMS).row(1L, "a", 10).row(2L, "b", 20).row(3L, "c", 30)
                .row(4L, "d", 40).row(8L, "h", 80).build());
        ChangeBatch[] changes = {
            upserts(2, ITEMS, new Object[] {2L, "b2", 21}, new Object[] {3L, "c", 30}, new Object[] {5L, "e", 50},
                    new Object[] {6L, "f", 60}, new Object[] {8L, "h", null}),
            deletes(2, ITEMS, 4L, 7L),
            deletes(3, ITEMS, 1L),
            upserts(3, ITEMS, new Object[] {4L, "d", 40}, new Object[] {6L, "f2", 61}, new Object[] {9L, "i", 90}),
        };
        List<List<String>> before = state("public.previewed");

        PreviewResult all = preview(spec, ITEMS, 1, 3, 10, changes);
        PreviewResult one = preview(spec, ITEMS, 1, 3, 1, changes);
        PreviewResult none = preview(spec, ITEMS, 1, 3, 0, changes);
        assertEquals(before, state("public.previewed"));

        ApplyResult applied = db.apply(spec, ITEMS, 1, 3, changes);
        assertEquals(new ApplyResult(SinkFixture.version(3), 3, 2, 1, 0), applied);
        assertEquals(expected(1, 3, applied, List.of("5", "6", "9"), List.of("2", "8"), List.of("1")), all);
        assertEquals(expected(1, 3, applied, List.of("5"), List.of("2"), List.of("1")), one);
        assertEquals(expected(1, 3, applied, List.of(), List.of(), List.of()), none);
    }

    @Test
    void compositeKeysAreShownAsTuplesInTheSinksText() {
        TableSchema visits = schema(col("region", ColumnType.STRING), col("day", ColumnType.DATE),
                col("at", ColumnType.TIMESTAMP), col("n", ColumnType.INT));
        SyncedTableSpec spec = spec("public.visits", "region", "day", "at");
        Instant noon = Instant.parse("2024-05-01T12:00:00.000123Z");
        LocalDate day = LocalDate.parse("2024-05-01");
        db.snapshot(spec, visits, 1, TestBatch.of(visits).row("eu", day, noon, 1).row("us", day, noon, 2).build());
        ChangeBatch[] changes = {
            new ChangeBatch(2, ChangeKind.UPSERT, TestBatch.of(visits).row("eu", day, noon, 5)
                    .row("eu", day.plusDays(1), noon, 1).build()),
            new ChangeBatch(2, ChangeKind.DELETE, TestBatch.of(visits).row("us", day, noon, null).build()),
        };
        List<List<String>> before = state("public.visits");
        PreviewResult preview = preview(spec, visits, 1, 2, 5, changes);
        assertEquals(before, state("public.visits"));
        ApplyResult applied = db.apply(spec, visits, 1, 2, changes);
        assertEquals(expected(1, 2, applied, List.of("(eu, 2024-05-02, 2024-05-01T12:00:00.000123Z)"),
                List.of("(eu, 2024-05-01, 2024-05-01T12:00:00.000123Z)"),
                List.of("(us, 2024-05-01, 2024-05-01T12:00:00.000123Z)")), preview);
        assertEquals(new ApplyResult(SinkFixture.version(2), 1, 1, 1, 0), applied);
    }

    @Test
    void aPreviewAcrossASchemaChangeCountsAsTheApplyThatAltersTheTable() {
        TableSchema before = schema(col("id", ColumnType.LONG), col("qty", ColumnType.INT));
        TableSchema after = schema(col("id", ColumnType.LONG), col("qty", ColumnType.LONG),
                col("note", ColumnType.STRING));
        SyncedTableSpec spec = spec("public.evolved", "id");
        db.snapshot(spec, before, 1, TestBatch.of(before).row(1L, 10).row(2L, 20).row(3L, 30).build());
        ChangeBatch[] changes = {upserts(2, after,
                new Object[] {1L, 10L, null}, // same values, and the new column null: unchanged
                new Object[] {2L, 20L, "x"}, // the new column set: an update
                new Object[] {3L, 31L, null}, // the widened column changed: an update
                new Object[] {4L, 40L, null})};
        List<List<String>> unchanged = state("public.evolved");
        PreviewResult preview = preview(spec, after, 1, 2, 10, changes);
        assertEquals(unchanged, state("public.evolved")); // not altered: still qty integer, no note
        ApplyResult applied = db.apply(spec, after, 1, 2, changes);
        assertEquals(new ApplyResult(SinkFixture.version(2), 1, 2, 0, 0), applied);
        assertEquals(expected(1, 2, applied, List.of("4"), List.of("2", "3"), List.of()), preview);
        assertEquals("id bigint, qty bigint, note text", state("public.evolved").get(1).get(0));
    }

    @Test
    void aTableOfKeyColumnsOnlyHasNoUpdates() {
        TableSchema keys = schema(col("a", ColumnType.INT), col("b", ColumnType.STRING));
        SyncedTableSpec spec = spec("public.keys_only", "a", "b");
        db.snapshot(spec, keys, 1, TestBatch.of(keys).row(1, "x").row(2, "y").build());
        ChangeBatch[] changes = {new ChangeBatch(2, ChangeKind.UPSERT, TestBatch.of(keys).row(1, "x").row(3, "z").build()),
            new ChangeBatch(2, ChangeKind.DELETE, TestBatch.of(keys).row(2, "y").build())};
        PreviewResult preview = preview(spec, keys, 1, 2, 10, changes);
        ApplyResult applied = db.apply(spec, keys, 1, 2, changes);
        assertEquals(expected(1, 2, applied, List.of("(3, z)"), List.of(), List.of("(2, y)")), preview);
    }

    @Test
    void aDuplicatedKeyFailsThePreviewAsItWouldTheApply() {
        SyncedTableSpec spec = spec("public.dup_preview", "id");
        db.snapshot(spec, ITEMS, 1, TestBatch.of(ITEMS).row(1L, "a", 10).build());
        List<List<String>> before = state("public.dup_preview");
        LakesyncException e = assertThrows(LakesyncException.class, () -> preview(spec, ITEMS, 1, 2, 3,
                upserts(2, ITEMS, new Object[] {5L, "x", 1}, new Object[] {5L, "y", 2})));
        assertEquals(ErrorCode.PRIMARY_KEY_CONSTRAINT_VIOLATION, e.code());
        assertEquals(before, state("public.dup_preview"));
        assertEquals(0, db.sink.connectionsInUse());
    }

    @Test
    void aPreviewEndsTheApply() {
        SyncedTableSpec spec = spec("public.ended", "id");
        db.snapshot(spec, ITEMS, 1, TestBatch.of(ITEMS).row(1L, "a", 10).build());
        try (IncrementalApply apply = db.sink.beginApply(applyPlan(spec, ITEMS, 1, 2))) {
            apply.preview(1);
            assertEquals(0, db.sink.connectionsInUse());
            assertThrows(IllegalStateException.class, apply::commit);
        }
        assertEquals(1, db.sink.watermark(spec.target()).orElseThrow().version().version());
    }
}
