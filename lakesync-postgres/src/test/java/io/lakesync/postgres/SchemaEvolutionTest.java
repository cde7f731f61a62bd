package io.lakesync.postgres;

import static io.lakesync.postgres.IncrementalApplyTest.upserts;
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
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Source schema changes met by an apply: added columns and widened types follow, anything else needs a full refresh. */
class SchemaEvolutionTest {

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

    private static SyncedTableSpec synced(String table) {
        SyncedTableSpec spec = spec(table, "id");
        db.snapshot(spec, ITEMS, 1, TestBatch.of(ITEMS).row(1L, "a", 10).row(2L, "b", 20).build());
        return spec;
    }

    private static List<List<String>> columns(String table) {
        return db.query("SELECT attname::text, format_type(atttypid, atttypmod) FROM pg_attribute"
                + " WHERE attrelid = '" + table + "'::regclass AND attnum > 0 AND NOT attisdropped ORDER BY attnum");
    }

    private static List<String> row(Object... values) {
        return Arrays.asList(Arrays.stream(values).map(v -> v == null ? null : v.toString()).toArray(String[]::new));
    }

    @Test
    void anAddedColumnIsAddedAndFilledFromTheChangeRowsWhileOldRowsReadNull() {
        SyncedTableSpec spec = synced("public.added");
        TableSchema withNote = schema(col("id", ColumnType.LONG), col("name", ColumnType.STRING),
                col("qty", ColumnType.INT), col("note", ColumnType.STRING), col("tags", new ColumnType.Array(
                        ColumnType.STRING, true)));
        ApplyResult result = db.apply(spec, withNote, 1, 2, upserts(2, withNote,
                new Object[] {1L, "a", 10, "noted", List.of("x")}, new Object[] {3L, "c", 30, "new", null}));
        assertEquals(new ApplyResult(version(2), 1, 1, 0, 0), result);
        assertEquals(List.of(row("id", "bigint"), row("name", "text"), row("qty", "integer"), row("note", "text"),
                row("tags", "jsonb")), columns("public.added"));
        assertEquals(List.of(row(1, "noted", "[\"x\"]"), row(2, null, null), row(3, "new", null)),
                db.query("SELECT id::text, note, tags::text FROM public.added ORDER BY id"));
        // the next apply with the same schema changes no columns
        db.apply(spec, withNote, 2, 3, upserts(3, withNote, new Object[] {2L, "b", 20, "later", null}));
        assertEquals("later", db.scalar("SELECT note FROM public.added WHERE id = 2"));
    }

    @Test
    void widenedTypesAreAlteredKeepingEveryValue() {
        TableSchema narrow = schema(col("id", ColumnType.INT), col("n", ColumnType.SHORT), col("f", ColumnType.FLOAT),
                col("amount", new ColumnType.Decimal(10, 2)), col("day", ColumnType.DATE), col("m", ColumnType.INT));
        TableSchema wide = schema(col("id", ColumnType.LONG), col("n", ColumnType.LONG), col("f", ColumnType.DOUBLE),
                col("amount", new ColumnType.Decimal(14, 3)), col("day", ColumnType.TIMESTAMP_NTZ),
                col("m", new ColumnType.Decimal(12, 2)));
        SyncedTableSpec spec = spec("public.widened", "id");
        db.snapshot(spec, narrow, 1, TestBatch.of(narrow)
                .row(1, (short) -32768, 1.5f, new BigDecimal("12345678.91"), LocalDate.of(2024, 2, 29), 2147483647)
                .build());
        ApplyResult result = db.apply(spec, wide, 1, 2, upserts(2, wide,
                new Object[] {3_000_000_000L, 5_000_000_000L, 0.1d, new BigDecimal("99999999999.999"),
                        LocalDateTime.of(2024, 3, 1, 12, 30, 15, 123_456_000), new BigDecimal("9999999999.99")}));
        assertEquals(1, result.rowsInserted());
        assertEquals(List.of(row("id", "bigint"), row("n", "bigint"), row("f", "double precision"),
                row("amount", "numeric(14,3)"), row("day", "timestamp without time zone"), row("m", "numeric(12,2)")),
                columns("public.widened"));
        assertEquals(List.of(row(1, -32768, 1.5, "12345678.910", "2024-02-29 00:00:00", "2147483647.00"),
                row(3000000000L, 5000000000L, 0.1, "99999999999.999", "2024-03-01 12:30:15.123456", "9999999999.99")),
                db.query("SELECT id::text, n::text, f::text, amount::text, day::text, m::text FROM public.widened"
                        + " ORDER BY id"));
        assertEquals("PRIMARY KEY (id)", db.scalar("SELECT pg_get_constraintdef(oid) FROM pg_constraint"
                + " WHERE conrelid = 'public.widened'::regclass AND contype = 'p'"));
    }

    private static void assertRefused(String table, TableSchema schema, SyncedTableSpec spec, String... expected) {
        List<List<String>> columnsBefore = columns(table);
        List<List<String>> rowsBefore = db.query("SELECT * FROM " + table + " ORDER BY 1");
        LakesyncException e = assertThrows(LakesyncException.class, () -> db.apply(spec, schema, 1, 2,
                upserts(2, schema, new Object[schema.size()])));
        assertEquals(ErrorCode.SCHEMA_CHANGE_REQUIRES_FULL_REFRESH, e.code());
        for (String part : expected) {
            assertTrue(e.getMessage().contains(part), e.getMessage());
        }
        assertTrue(e.getMessage().contains("keeps serving version 1"), e.getMessage());
        assertTrue(e.getMessage().contains("lakesync sync --mode snapshot"), e.getMessage());
        assertEquals(columnsBefore, columns(table));
        assertEquals(rowsBefore, db.query("SELECT * FROM " + table + " ORDER BY 1"));
        assertEquals(version(1), db.sink.watermark(TableName.parse(table)).orElseThrow().version());
    }

    @Test
    void aDroppedColumnNeedsAFullRefresh() {
        SyncedTableSpec spec = synced("public.dropped");
        assertRefused("public.dropped", schema(col("id", ColumnType.LONG), col("name", ColumnType.STRING),
                col("extra", ColumnType.INT)), spec, "column \"qty\" is no longer in the source (dropped or renamed;"
                + " new columns: extra)");
    }

    @Test
    void aNarrowedOrChangedTypeNeedsAFullRefresh() {
        SyncedTableSpec spec = synced("public.narrowed");
        assertRefused("public.narrowed", schema(col("id", ColumnType.LONG), col("name", ColumnType.STRING),
                col("qty", ColumnType.SHORT), col("added", ColumnType.INT)), spec,
                "column \"qty\" changed type from integer to smallint");
        assertRefused("public.narrowed", schema(col("id", ColumnType.LONG), col("name", ColumnType.INT),
                col("qty", ColumnType.INT)), spec, "column \"name\" changed type from text to integer");
        assertRefused("public.narrowed", schema(col("id", ColumnType.LONG), col("name", ColumnType.STRING),
                col("qty", new ColumnType.Decimal(9, 0))), spec, "column \"qty\" changed type from integer to numeric(9,0)");
        assertRefused("public.narrowed", schema(col("id", ColumnType.LONG), col("name", ColumnType.STRING),
                col("qty", ColumnType.FLOAT)), spec, "column \"qty\" changed type from integer to real");
    }

    @Test
    void aChangedPrimaryKeyNeedsAFullRefreshAndTheRefreshFixesIt() {
        synced("public.rekeyed");
        SyncedTableSpec rekeyed = spec("public.rekeyed", "id", "name");
        assertRefused("public.rekeyed", ITEMS, rekeyed, "the primary key changed from (id) to (id, name)");
        db.snapshot(rekeyed, ITEMS, 2, TestBatch.of(ITEMS).row(1L, "a", 10).row(1L, "b", 11).build());
        ApplyResult result = db.apply(rekeyed, ITEMS, 2, 3, upserts(3, ITEMS, new Object[] {1L, "c", 12}));
        assertEquals(1, result.rowsInserted());
    }
}
