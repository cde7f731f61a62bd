package io.lakesync.postgres;

import static io.lakesync.postgres.SinkFixture.applyPlan;
import static io.lakesync.postgres.SinkFixture.col;
import static io.lakesync.postgres.SinkFixture.schema;
import static io.lakesync.postgres.SinkFixture.spec;
import static io.lakesync.postgres.SinkFixture.specWithTimeseries;
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
import io.lakesync.core.spi.Watermark;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Applying row changes to a synced table: what wins per key, what is counted, what the watermark says. */
class IncrementalApplyTest {

    private static SinkFixture db;
    private static final TableSchema ITEMS = schema(col("id", ColumnType.LONG), col("name", ColumnType.STRING),
            col("qty", ColumnType.INT));

    @BeforeAll
    static void start() {
        db = new SinkFixture();
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    /** A table at version 1 holding items 1 (a, 10), 2 (b, 20), 3 (c, 30). */
    private static SyncedTableSpec synced(String table) {
        SyncedTableSpec spec = spec(table, "id");
        db.snapshot(spec, ITEMS, 1, TestBatch.of(ITEMS).row(1L, "a", 10).row(2L, "b", 20).row(3L, "c", 30).build());
        return spec;
    }

    static ChangeBatch upserts(long version, TableSchema schema, Object[]... rows) {
        TestBatch.Builder batch = TestBatch.of(schema);
        for (Object[] row : rows) {
            batch.row(row);
        }
        return new ChangeBatch(version, ChangeKind.UPSERT, batch.build());
    }

    /** Deletes of single-column keys (the first column); the other columns are null. */
    static ChangeBatch deletes(long version, TableSchema schema, Object... keys) {
        TestBatch.Builder batch = TestBatch.of(schema);
        for (Object key : keys) {
            Object[] row = new Object[schema.size()];
            row[0] = key;
            batch.row(row);
        }
        return new ChangeBatch(version, ChangeKind.DELETE, batch.build());
    }

    private static ChangeBatch upserts(long version, Object[]... rows) {
        return upserts(version, ITEMS, rows);
    }

    private static ChangeBatch deletes(long version, Object... keys) {
        return deletes(version, ITEMS, keys);
    }

    private static Object[] item(long id, String name, Integer qty) {
        return new Object[] {id, name, qty};
    }

    private static List<List<String>> rows(String table) {
        return db.query("SELECT id::text, name, qty::text FROM " + table + " ORDER BY id");
    }

    private static List<String> row(Object... values) {
        return Arrays.asList(Arrays.stream(values).map(v -> v == null ? null : v.toString()).toArray(String[]::new));
    }

    private static Watermark watermark(String table) {
        return db.sink.watermark(TableName.parse(table)).orElseThrow();
    }

    @Test
    void upsertsInsertNewKeysAndUpdateChangedRowsAndCountEach() {
        SyncedTableSpec spec = synced("public.upserts");
        ApplyResult result = db.apply(spec, ITEMS, 1, 2,
                upserts(2, item(2, "b2", 21), item(4, "d", 40), item(3, "c", 30), item(5, "e", null)));
        assertEquals(new ApplyResult(version(2), 2, 1, 0, 0), result);
        assertEquals(List.of(row(1, "a", 10), row(2, "b2", 21), row(3, "c", 30), row(4, "d", 40), row(5, "e", null)),
                rows("public.upserts"));
        Watermark watermark = watermark("public.upserts");
        assertEquals(version(2), watermark.version());
        assertEquals(5, watermark.rowCount());
        assertEquals(1, watermark.runId());
    }

    @Test
    void identicalUpsertsWriteNothingAndCountNothing() {
        SyncedTableSpec spec = synced("public.identical");
        String before = db.query("SELECT string_agg(xmin::text || '/' || ctid::text, ',' ORDER BY id)"
                + " FROM public.identical").get(0).get(0);
        ApplyResult result = db.apply(spec, ITEMS, 1, 3,
                upserts(2, item(1, "a", 10), item(2, "b", 20)), upserts(3, item(3, "c", 30)));
        assertEquals(0, result.rowsChanged());
        assertEquals(before, db.query("SELECT string_agg(xmin::text || '/' || ctid::text, ',' ORDER BY id)"
                + " FROM public.identical").get(0).get(0));
        assertEquals(version(3), watermark("public.identical").version());
        assertEquals(3, watermark("public.identical").rowCount());
    }

    @Test
    void deletesRemoveExistingKeysAndCountOnlyThose() {
        SyncedTableSpec spec = synced("public.deletes");
        ApplyResult result = db.apply(spec, ITEMS, 1, 2, deletes(2, 1L, 3L, 99L));
        assertEquals(new ApplyResult(version(2), 0, 0, 2, 0), result);
        assertEquals(List.of(row(2, "b", 20)), rows("public.deletes"));
        assertEquals(1, watermark("public.deletes").rowCount());
    }

    @Test
    void aKeyDeletedAndReinsertedInLaterVersionsEndsAsItsLastUpsert() {
        SyncedTableSpec spec = synced("public.reinsert");
        ApplyResult result = db.apply(spec, ITEMS, 1, 4,
                deletes(2, 1L, 2L), upserts(3, item(1, "a3", 13), item(7, "g", 70)), upserts(2, item(2, "b", 20)),
                deletes(4, 7L));
        // 1: deleted at 2, back at 3 with new values -> updated; 2: deleted and re-added at 2 unchanged -> nothing;
        // 7: inserted at 3, deleted at 4 -> never visible
        assertEquals(new ApplyResult(version(4), 0, 1, 0, 0), result);
        assertEquals(List.of(row(1, "a3", 13), row(2, "b", 20), row(3, "c", 30)), rows("public.reinsert"));
        assertEquals(3, watermark("public.reinsert").rowCount());
    }

    @Test
    void withinOneVersionAnUpsertWinsOverADeleteOfTheSameKeyWhateverTheOrder() {
        SyncedTableSpec spec = synced("public.same_version");
        ApplyResult result = db.apply(spec, ITEMS, 1, 2,
                upserts(2, item(1, "a2", 11)), deletes(2, 1L, 2L), upserts(2, item(2, "b2", 22)));
        assertEquals(new ApplyResult(version(2), 0, 2, 0, 0), result);
        assertEquals(List.of(row(1, "a2", 11), row(2, "b2", 22), row(3, "c", 30)), rows("public.same_version"));
    }

    @Test
    void theLatestVersionWinsWhateverOrderTheChangesArriveIn() {
        SyncedTableSpec spec = synced("public.latest_version");
        ApplyResult result = db.apply(spec, ITEMS, 1, 5,
                upserts(5, item(1, "five", 5)), upserts(3, item(1, "three", 3), item(2, "b3", 23)),
                upserts(2, item(1, "two", 2)), deletes(4, 2L), upserts(4, item(3, "c4", 34)), deletes(3, 3L));
        assertEquals(new ApplyResult(version(5), 0, 2, 1, 0), result);
        assertEquals(List.of(row(1, "five", 5), row(3, "c4", 34)), rows("public.latest_version"));
        assertEquals(2, watermark("public.latest_version").rowCount());
    }

    @Test
    void theTimeseriesKeyDecidesBetweenUpsertsOfOneVersion() {
        TableSchema events = schema(col("id", ColumnType.LONG), col("status", ColumnType.STRING),
                col("at", ColumnType.TIMESTAMP));
        SyncedTableSpec spec = specWithTimeseries("public.events", "at", "id");
        db.snapshot(spec, events, 1, TestBatch.of(events).row(1L, "new", at(0)).build());
        ApplyResult result = db.apply(spec, events, 1, 3,
                upserts(2, events, new Object[] {1L, "late", at(9)}, new Object[] {1L, "early", at(5)},
                        new Object[] {2L, "dated", at(1)}, new Object[] {2L, "undated", null}),
                // a newer version wins even with an older timeseries value
                upserts(3, events, new Object[] {3L, "v3", at(1)}), upserts(2, events, new Object[] {3L, "v2", at(8)}));
        assertEquals(new ApplyResult(version(3), 2, 1, 0, 0), result);
        assertEquals(List.of(row(1, "late"), row(2, "dated"), row(3, "v3")),
                db.query("SELECT id::text, status FROM public.events ORDER BY id"));

        LakesyncException tie = assertThrows(LakesyncException.class, () -> db.apply(spec, events, 3, 4,
                upserts(4, events, new Object[] {1L, "x", at(20)}, new Object[] {1L, "y", at(20)})));
        assertEquals(ErrorCode.PRIMARY_KEY_CONSTRAINT_VIOLATION, tie.code());
        assertTrue(tie.getMessage().contains("id=1 occurs in 2 rows with the same greatest timeseries key"
                + " at=2024-05-01T10:20:00.000000Z"), tie.getMessage());
        assertEquals(version(3), watermark("public.events").version());
    }

    private static Instant at(int minute) {
        return Instant.parse("2024-05-01T10:00:00Z").plusSeconds(60L * minute);
    }

    @Test
    void twoUpsertsOfOneKeyInOneVersionFailAndLeaveTargetAndWatermark() {
        SyncedTableSpec spec = synced("public.dup_version");
        LakesyncException e = assertThrows(LakesyncException.class, () -> db.apply(spec, ITEMS, 1, 3,
                upserts(2, item(1, "x", 1)), deletes(3, 3L),
                upserts(3, item(2, "first", 1), item(4, "d", 4)), upserts(3, item(2, "second", 2))));
        assertEquals(ErrorCode.PRIMARY_KEY_CONSTRAINT_VIOLATION, e.code());
        assertTrue(e.getMessage().startsWith("The primary key (id) is not unique in version 3 of"
                + " /data/public.dup_version: id=2 occurs in 2 rows."), e.getMessage());
        assertTrue(e.getMessage().contains("keeps serving version 1"), e.getMessage());
        assertTrue(e.getMessage().contains("--timeseries-key"), e.getMessage());
        assertEquals(List.of(row(1, "a", 10), row(2, "b", 20), row(3, "c", 30)), rows("public.dup_version"));
        assertEquals(version(1), watermark("public.dup_version").version());
    }

    @Test
    void aDuplicateThatALaterVersionReplacesDoesNotMatter() {
        // the target follows the source's last version, where key 2 is unique again
        SyncedTableSpec spec = synced("public.dup_replaced");
        ApplyResult result = db.apply(spec, ITEMS, 1, 3,
                upserts(2, item(2, "first", 1), item(2, "second", 2)), upserts(3, item(2, "fixed", 3)));
        assertEquals(new ApplyResult(version(3), 0, 1, 0, 0), result);
        assertEquals(row(2, "fixed", 3), rows("public.dup_replaced").get(1));
    }

    @Test
    void rowsWithANullKeyAreSkippedAndCountedAndDeletesOfThemIgnored() {
        TableSchema pairs = schema(col("region", ColumnType.STRING), col("id", ColumnType.INT),
                col("v", ColumnType.STRING));
        SyncedTableSpec spec = spec("public.null_keys", "region", "id");
        db.snapshot(spec, pairs, 1, TestBatch.of(pairs).row("eu", 1, "x").row("us", 1, "y").build());
        ApplyResult result = db.apply(spec, pairs, 1, 2,
                upserts(2, pairs, new Object[] {null, 5, "no region"}, new Object[] {"eu", null, "no id"},
                        new Object[] {"eu", 2, "ok"}),
                new ChangeBatch(2, ChangeKind.DELETE, TestBatch.of(pairs).row(null, 1, null).row("us", 1, null)
                        .deleted("eu", 1, null).build()));
        assertEquals(new ApplyResult(version(2), 1, 0, 1, 2), result);
        assertEquals(List.of(row("eu", 1, "x"), row("eu", 2, "ok")),
                db.query("SELECT region, id::text, v FROM public.null_keys ORDER BY region, id"));
        assertEquals(2, watermark("public.null_keys").rowCount());
    }

    @Test
    void deletesReadOnlyTheKeySoOtherColumnsCannotFailThem() {
        SyncedTableSpec spec = synced("public.delete_key_only");
        ApplyResult result = db.apply(spec, ITEMS, 1, 2, new ChangeBatch(2, ChangeKind.DELETE,
                TestBatch.of(ITEMS).row(1L, "NUL \0 byte", 10).build()));
        assertEquals(1, result.rowsDeleted());
    }

    @Test
    void aTableOfKeyColumnsOnlyTakesInsertsAndDeletes() {
        TableSchema keys = schema(col("a", ColumnType.INT), col("b", ColumnType.STRING));
        SyncedTableSpec spec = spec("public.key_only", "a", "b");
        db.snapshot(spec, keys, 1, TestBatch.of(keys).row(1, "x").row(2, "y").build());
        ApplyResult result = db.apply(spec, keys, 1, 2, upserts(2, keys, new Object[] {1, "x"}, new Object[] {3, "z"}),
                new ChangeBatch(2, ChangeKind.DELETE, TestBatch.of(keys).row(2, "y").row(2, "nope").build()));
        assertEquals(new ApplyResult(version(2), 1, 0, 1, 0), result);
        assertEquals(List.of(row(1, "x"), row(3, "z")), db.query("SELECT a::text, b FROM public.key_only ORDER BY a"));
    }

    @Test
    void anApplyMustStartAtTheWatermarkVersion() {
        SyncedTableSpec spec = synced("public.conflict");
        db.apply(spec, ITEMS, 1, 3, upserts(3, item(9, "i", 90)));
        LakesyncException e = assertThrows(LakesyncException.class,
                () -> db.apply(spec, ITEMS, 1, 2, upserts(2, item(8, "h", 80))));
        assertEquals(ErrorCode.TARGET_CONFLICT, e.code());
        assertTrue(e.getMessage().startsWith("public.conflict is at version 3, not at version 1"), e.getMessage());
        assertEquals(version(3), watermark("public.conflict").version());
        assertEquals("4", db.scalar("SELECT count(*) FROM public.conflict"));

        LakesyncException never = assertThrows(LakesyncException.class,
                () -> db.sink.beginApply(applyPlan(spec("public.never_synced", "id"), ITEMS, 0, 1)));
        assertEquals(ErrorCode.NOT_SYNCED, never.code());
        assertTrue(never.getMessage().contains("--mode snapshot"), never.getMessage());
    }

    @Test
    void anApplyOfNoChangesOnlyMovesTheWatermark() {
        SyncedTableSpec spec = synced("public.empty_range");
        assertEquals(new ApplyResult(version(4), 0, 0, 0, 0), db.apply(spec, ITEMS, 1, 4));
        assertEquals(version(4), watermark("public.empty_range").version());
        assertEquals(3, watermark("public.empty_range").rowCount());
    }

    @Test
    void compositeKeysAreMatchedOnEveryColumn() {
        TableSchema pairs = schema(col("region", ColumnType.STRING), col("id", ColumnType.INT),
                col("v", ColumnType.STRING));
        SyncedTableSpec spec = spec("public.composite", "region", "id");
        db.snapshot(spec, pairs, 1, TestBatch.of(pairs).row("eu", 1, "a").row("us", 1, "b").row("eu", 2, "c").build());
        ApplyResult result = db.apply(spec, pairs, 1, 2,
                new ChangeBatch(2, ChangeKind.DELETE, TestBatch.of(pairs).row("eu", 1, null).row("us", 2, null).build()),
                upserts(2, pairs, new Object[] {"us", 1, "b2"}, new Object[] {"us", 2, "new"}));
        assertEquals(new ApplyResult(version(2), 1, 1, 1, 0), result);
        assertEquals(List.of(row("eu", 2, "c"), row("us", 1, "b2"), row("us", 2, "new")),
                db.query("SELECT region, id::text, v FROM public.composite ORDER BY region, id"));
    }

    @Test
    void changesOutsideThePlannedRangeAreRefused() {
        SyncedTableSpec spec = synced("public.out_of_range");
        try (IncrementalApply apply = db.sink.beginApply(applyPlan(spec, ITEMS, 1, 2))) {
            assertThrows(IllegalArgumentException.class, () -> apply.write(upserts(1, item(1, "old", 0))));
        }
        assertEquals(version(1), watermark("public.out_of_range").version());
    }
}
