package io.lakesync.postgres;

import static io.lakesync.postgres.SinkFixture.col;
import static io.lakesync.postgres.SinkFixture.schema;
import static io.lakesync.postgres.SinkFixture.spec;
import static io.lakesync.postgres.SinkFixture.specWithTimeseries;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakesync.core.error.ErrorCode;
import io.lakesync.core.error.LakesyncException;
import io.lakesync.core.model.Column;
import io.lakesync.core.model.ColumnType;
import io.lakesync.core.model.RowBatch;
import io.lakesync.core.model.TableSchema;
import io.lakesync.core.spi.Comparison;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Comparing a target with source rows: EXCEPT both ways, with the sync's own key rules. */
class CompareTest {

    private static SinkFixture db;
    private static final ColumnType NESTED = new ColumnType.MapType(ColumnType.STRING, ColumnType.DOUBLE, true);
    private static final TableSchema SCHEMA = schema(col("region", ColumnType.STRING), col("id", ColumnType.INT),
            col("score", ColumnType.DOUBLE), col("amount", new ColumnType.Decimal(10, 2)), col("at", ColumnType.TIMESTAMP),
            col("attrs", NESTED));

    @BeforeAll
    static void start() {
        db = new SinkFixture();
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    private static TestBatch.Builder base() {
        return TestBatch.of(SCHEMA)
                .row("eu", 1, Double.NaN, new BigDecimal("1.50"), Instant.parse("1969-07-20T20:17:40.000001Z"),
                        Map.of("x", Double.POSITIVE_INFINITY))
                .row("eu", 2, 2.5, new BigDecimal("2.00"), null, null)
                .row("us", 1, null, null, null, Map.of());
    }

    private static Comparison compare(String target, RowBatch... batches) {
        return db.sink.compare(spec(target, "region", "id"), SCHEMA, List.of(batches).iterator(), 20);
    }

    @Test
    void aFreshlySyncedTableEqualsItsSource() {
        db.snapshot(spec("public.same", "region", "id"), SCHEMA, 1, base().build());
        Comparison same = compare("public.same", base().row(null, 9, null, null, null, null).build());
        assertTrue(same.equal(), same.toString());
        assertEquals(3, same.sourceRows());
        assertEquals(3, same.targetRows());
        assertEquals(List.of(), same.sampleKeys());
    }

    @Test
    void differencesAreCountedBothWaysWithSortedKeys() {
        db.snapshot(spec("public.differs", "region", "id"), SCHEMA, 1, base().row("zz", 5, 1.0, null, null, null).build());
        Comparison diff = compare("public.differs", TestBatch.of(SCHEMA)
                .row("eu", 1, Double.NaN, new BigDecimal("1.50"), Instant.parse("1969-07-20T20:17:40.000002Z"),
                        Map.of("x", Double.POSITIVE_INFINITY)) // a microsecond off
                .row("eu", 2, 2.5, new BigDecimal("2.00"), null, null)
                .row("us", 1, null, null, null, Map.of("k", 1.0)) // nested value differs
                .row("aa", 7, null, null, null, null) // only in the source
                .build()); // zz/5 only in the target
        assertFalse(diff.equal());
        assertEquals(4, diff.sourceRows());
        assertEquals(4, diff.targetRows());
        assertEquals(3, diff.missingOrDifferentInTarget());
        assertEquals(3, diff.extraOrDifferentInTarget());
        assertEquals(List.of("region=aa, id=7", "region=eu, id=1", "region=us, id=1", "region=zz, id=5"), diff.sampleKeys());
        Comparison onlyExtra = compare("public.differs", base().build());
        assertEquals(0, onlyExtra.missingOrDifferentInTarget());
        assertEquals(1, onlyExtra.extraOrDifferentInTarget());
        assertEquals(List.of("region=zz, id=5"), onlyExtra.sampleKeys());
        Comparison limited = db.sink.compare(spec("public.differs", "region", "id"), SCHEMA,
                List.<RowBatch>of(TestBatch.of(SCHEMA).row("a", 1, null, null, null, null).build()).iterator(), 2);
        assertEquals(List.of("region=a, id=1", "region=eu, id=1"), limited.sampleKeys());
    }

    @Test
    void theTimeseriesKeyResolvesDuplicatesAsTheSyncDid() {
        TableSchema schema = schema(col("id", ColumnType.INT), col("v", ColumnType.STRING), col("ts", ColumnType.LONG));
        TestBatch rows = TestBatch.of(schema).row(1, "old", 1L).row(1, "new", 2L).row(2, "only", 1L).build();
        db.snapshot(specWithTimeseries("public.ts_cmp", "ts", "id"), schema, 1, rows);
        Comparison c = db.sink.compare(specWithTimeseries("public.ts_cmp", "ts", "id"), schema, List.<RowBatch>of(rows).iterator(), 5);
        assertTrue(c.equal(), c.toString());
        LakesyncException e = assertThrows(LakesyncException.class, () -> db.sink.compare(spec("public.ts_cmp", "id"),
                schema, List.<RowBatch>of(rows).iterator(), 5));
        assertEquals(ErrorCode.PRIMARY_KEY_CONSTRAINT_VIOLATION, e.code());
    }

    @Test
    void aMissingTargetIsNotSyncedAndAChangedColumnNeedsAFullRefresh() {
        LakesyncException missing = assertThrows(LakesyncException.class, () -> compare("public.absent", base().build()));
        assertEquals(ErrorCode.NOT_SYNCED, missing.code());

        db.snapshot(spec("public.reshaped", "region", "id"), SCHEMA, 1, base().build());
        TableSchema widened = schema(col("region", ColumnType.STRING), col("id", ColumnType.LONG));
        LakesyncException changed = assertThrows(LakesyncException.class, () -> db.sink.compare(
                spec("public.reshaped", "region", "id"), widened, List.<RowBatch>of().iterator(), 5));
        assertEquals(ErrorCode.SCHEMA_CHANGE_REQUIRES_FULL_REFRESH, changed.code());
        assertTrue(changed.getMessage().contains("\"id\" as integer, not bigint"), changed.getMessage());
        TableSchema added = schema(col("region", ColumnType.STRING), col("id", ColumnType.INT),
                new Column("new_col", ColumnType.STRING, true));
        LakesyncException extra = assertThrows(LakesyncException.class, () -> db.sink.compare(
                spec("public.reshaped", "region", "id"), added, List.<RowBatch>of().iterator(), 5));
        assertTrue(extra.getMessage().contains("has no column \"new_col\""), extra.getMessage());
    }
}
