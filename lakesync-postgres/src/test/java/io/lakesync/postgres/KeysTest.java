package io.lakesync.postgres;

import static io.lakesync.postgres.SinkFixture.col;
import static io.lakesync.postgres.SinkFixture.schema;
import static io.lakesync.postgres.SinkFixture.spec;
import static io.lakesync.postgres.SinkFixture.specWithTimeseries;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakesync.core.error.ErrorCode;
import io.lakesync.core.error.LakesyncException;
import io.lakesync.core.model.ColumnType;
import io.lakesync.core.model.TableSchema;
import io.lakesync.core.spi.SnapshotResult;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Primary keys: composite keys, null keys, rows deleted by deletion vectors, duplicates with and without a timeseries key. */
class KeysTest {

    private static SinkFixture db;

    private static final TableSchema ORDERS = schema(col("region", ColumnType.STRING), col("id", ColumnType.LONG),
            col("day", ColumnType.DATE), col("amount", new ColumnType.Decimal(10, 2)), col("updated", ColumnType.TIMESTAMP));

    @BeforeAll
    static void start() {
        db = new SinkFixture();
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    private static Instant at(int minute) {
        return Instant.parse("2024-05-01T10:00:00Z").plusSeconds(60L * minute);
    }

    private static java.math.BigDecimal amount(String v) {
        return new java.math.BigDecimal(v);
    }

    @Test
    void compositeKeyBecomesThePrimaryKey() {
        SnapshotResult result = db.snapshot(spec("public.composite", "region", "id"), ORDERS, 3, TestBatch.of(ORDERS)
                .row("eu", 1L, LocalDate.of(2024, 5, 1), amount("1.00"), at(0))
                .row("us", 1L, LocalDate.of(2024, 5, 1), amount("2.00"), at(0))
                .row("eu", 2L, LocalDate.of(2024, 5, 2), amount("3.00"), at(0))
                .build());
        assertEquals(3, result.rowsWritten());
        assertEquals("PRIMARY KEY (region, id)", db.scalar("SELECT pg_get_constraintdef(oid) FROM pg_constraint"
                + " WHERE conrelid = 'public.composite'::regclass AND contype = 'p'"));
        assertEquals("composite_pkey", db.scalar("SELECT conname FROM pg_constraint"
                + " WHERE conrelid = 'public.composite'::regclass AND contype = 'p'"));
    }

    @Test
    void rowsWithANullKeyAreSkippedAndCountedAndDeletedRowsAreLeftOut() {
        SnapshotResult result = db.snapshot(spec("public.null_keys", "region", "id"), ORDERS, 1, TestBatch.of(ORDERS)
                .row("eu", 1L, null, null, null)
                .row(null, 2L, null, null, null)
                .row("eu", null, null, null, null)
                .row(null, null, null, null, null)
                .deleted("eu", 5L, null, null, null)
                .deleted("eu", 1L, null, null, null)
                .row("us", 3L, null, null, null)
                .build());
        assertEquals(2, result.rowsWritten());
        assertEquals(3, result.rowsSkipped());
        assertEquals(List.of(List.of("eu", "1"), List.of("us", "3")),
                db.query("SELECT region, id FROM public.null_keys ORDER BY region"));
        assertEquals("2", db.scalar("SELECT row_count FROM lakesync.watermarks WHERE table_name = 'public.null_keys'"));
    }

    @Test
    void duplicateKeysWithoutTimeseriesKeyFailNamingKeyAndVersionAndLeaveTheTarget() {
        db.snapshot(spec("public.dups", "region", "id"), ORDERS, 1, TestBatch.of(ORDERS)
                .row("eu", 1L, null, amount("1.00"), null).build());
        LakesyncException e = assertThrows(LakesyncException.class, () -> db.snapshot(
                spec("public.dups", "region", "id"), ORDERS, 7, TestBatch.of(ORDERS)
                        .row("eu", 1L, null, null, null)
                        .row("eu", 2L, null, null, null)
                        .row("eu", 2L, null, null, null)
                        .row("eu", 2L, null, null, null)
                        .row("us", 3L, null, null, null)
                        .row("us", 3L, null, null, null)
                        .build()));
        assertEquals(ErrorCode.PRIMARY_KEY_CONSTRAINT_VIOLATION, e.code());
        assertTrue(e.getMessage().contains("region=eu, id=2 occurs in 3 rows"), e.getMessage());
        assertTrue(e.getMessage().contains("version 7 of /data/public.dups"), e.getMessage());
        assertTrue(e.getMessage().contains("--timeseries-key"), e.getMessage());
        assertEquals(List.of(List.of("eu", "1", "1.00")), db.query("SELECT region, id, amount FROM public.dups"));
        assertEquals("1", db.scalar("SELECT delta_version FROM lakesync.watermarks WHERE table_name = 'public.dups'"));
        assertEquals("0", db.scalar("SELECT count(*) FROM pg_class WHERE relname LIKE 'dups\\_ls%'"));
    }

    @Test
    void aTimeseriesKeyKeepsTheLatestRowPerKey() {
        SnapshotResult result = db.snapshot(specWithTimeseries("public.latest", "updated", "region", "id"), ORDERS, 4,
                TestBatch.of(ORDERS)
                        .row("eu", 1L, null, amount("1.00"), at(1))
                        .row("eu", 1L, null, amount("3.00"), at(3))
                        .row("eu", 1L, null, amount("2.00"), at(2))
                        .row("eu", 1L, null, amount("0.00"), null)
                        .row("us", 1L, null, amount("9.00"), null)
                        .row("us", 2L, null, amount("5.00"), at(5))
                        .build(),
                TestBatch.of(ORDERS)
                        .row("us", 2L, null, amount("4.00"), at(4))
                        .row("us", 3L, null, amount("7.00"), at(7))
                        .build());
        assertEquals(4, result.rowsWritten());
        assertEquals(4, result.duplicatesResolved());
        assertEquals(List.of(List.of("eu", "1", "3.00"), List.of("us", "1", "9.00"), List.of("us", "2", "5.00"),
                List.of("us", "3", "7.00")), db.query("SELECT region, id, amount FROM public.latest ORDER BY region, id"));
        assertEquals("4", db.scalar("SELECT row_count FROM lakesync.watermarks WHERE table_name = 'public.latest'"));
        assertEquals("1", db.scalar("SELECT count(*) FROM pg_constraint WHERE conrelid = 'public.latest'::regclass"
                + " AND contype = 'p'"));
    }

    @Test
    void aTieOnTheTimeseriesKeyIsAnError() {
        LakesyncException e = assertThrows(LakesyncException.class, () -> db.snapshot(
                specWithTimeseries("public.tie", "updated", "region", "id"), ORDERS, 9, TestBatch.of(ORDERS)
                        .row("eu", 1L, null, amount("1.00"), at(1))
                        .row("eu", 1L, null, amount("2.00"), at(1))
                        .row("eu", 1L, null, amount("0.00"), at(0))
                        .build()));
        assertEquals(ErrorCode.PRIMARY_KEY_CONSTRAINT_VIOLATION, e.code());
        assertTrue(e.getMessage().contains("region=eu, id=1 occurs in 2 rows"), e.getMessage());
        assertTrue(e.getMessage().contains("updated=2024-05-01T10:01:00.000000Z"), e.getMessage());
        assertTrue(e.getMessage().contains("version 9"), e.getMessage());
        assertEquals("0", db.scalar("SELECT count(*) FROM pg_class WHERE relname LIKE 'tie%'"));
    }

    @Test
    void keysOfEveryScalarTypeRenderReadably() {
        TableSchema schema = schema(col("at", ColumnType.TIMESTAMP), col("day", ColumnType.DATE),
                col("bin", ColumnType.BINARY), col("n", ColumnType.INT));
        LakesyncException e = assertThrows(LakesyncException.class, () -> db.snapshot(
                spec("public.render", "at", "day", "bin"), schema, 1, TestBatch.of(schema)
                        .row(Instant.parse("1969-12-31T23:59:59.000001Z"), LocalDate.of(1, 1, 1), new byte[] {(byte) 0xAB}, 1)
                        .row(Instant.parse("1969-12-31T23:59:59.000001Z"), LocalDate.of(1, 1, 1), new byte[] {(byte) 0xAB}, 2)
                        .build()));
        assertTrue(e.getMessage().contains("at=1969-12-31T23:59:59.000001Z, day=0001-01-01, bin=\\xab occurs in 2 rows"),
                e.getMessage());
    }
}
