package io.lakesync.postgres;

import static io.lakesync.postgres.SinkFixture.col;
import static io.lakesync.postgres.SinkFixture.schema;
import static io.lakesync.postgres.SinkFixture.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakesync.core.error.ErrorCode;
import io.lakesync.core.error.LakesyncException;
import io.lakesync.core.model.Column;
import io.lakesync.core.model.ColumnType;
import io.lakesync.core.model.TableSchema;
import io.lakesync.core.spi.SnapshotResult;
import io.lakesync.core.spi.TextPolicy;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Strings with NUL bytes, which PostgreSQL text and jsonb cannot hold: a clear error, or an opt-in replacement. */
class TextPolicyTest {

    private static SinkFixture db;

    private static final ColumnType NESTED = new ColumnType.Struct(List.of(
            new Column("label", ColumnType.STRING, true),
            new Column("tags", new ColumnType.Array(ColumnType.STRING, true), true)));
    private static final TableSchema SCHEMA = schema(col("id", ColumnType.INT), col("region", ColumnType.STRING),
            col("note", ColumnType.STRING), col("nested", NESTED), col("doc", ColumnType.VARIANT));

    @BeforeAll
    static void start() {
        db = new SinkFixture();
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    private static TestBatch rows(Object note, Object nested, Object doc) {
        return TestBatch.of(SCHEMA)
                .row(1, "eu", "clean", null, null)
                .row(2, "us", note, nested, doc)
                .build();
    }

    @Test
    void failNamesTheColumnAndTheKeyAndLeavesTheTargetAlone() {
        db.snapshot(spec("public.fail_text", "id", "region"), SCHEMA, 1, rows("ok", null, null));
        LakesyncException e = assertThrows(LakesyncException.class, () -> db.snapshot(
                spec("public.fail_text", "id", "region"), SCHEMA, 2, rows("bad\0value", null, null)));
        assertEquals(ErrorCode.INVALID_TEXT_VALUE, e.code());
        assertTrue(e.getMessage().contains("Column \"note\""), e.getMessage());
        assertTrue(e.getMessage().contains("id=2, region=us"), e.getMessage());
        assertTrue(e.getMessage().contains("--replace-nul"), e.getMessage());
        assertEquals(List.of(List.of("1", "clean"), List.of("2", "ok")),
                db.query("SELECT id, note FROM public.fail_text ORDER BY id"));
        assertEquals("1", db.scalar("SELECT delta_version FROM lakesync.watermarks WHERE table_name = 'public.fail_text'"));
    }

    @Test
    void failAlsoCoversNestedStringsAndVariants() {
        LakesyncException nested = assertThrows(LakesyncException.class, () -> db.snapshot(
                spec("public.fail_nested", "id"), SCHEMA, 1, rows("ok", Arrays.asList("x", List.of("a\0")), null)));
        assertEquals(ErrorCode.INVALID_TEXT_VALUE, nested.code());
        assertTrue(nested.getMessage().contains("Column \"nested\""), nested.getMessage());
        LakesyncException variant = assertThrows(LakesyncException.class, () -> db.snapshot(
                spec("public.fail_variant", "id"), SCHEMA, 1, rows("ok", null, "{\"k\":\"a\\u0000b\"}")));
        assertEquals(ErrorCode.INVALID_TEXT_VALUE, variant.code());
        assertTrue(variant.getMessage().contains("Column \"doc\""), variant.getMessage());
        assertEquals("0", db.scalar("SELECT count(*) FROM pg_class WHERE relname LIKE 'fail\\_nested%' OR relname LIKE 'fail\\_variant%'"));
    }

    @Test
    void replaceStoresReplacementCharactersAndCountsThem() {
        SnapshotResult result = db.snapshot(spec("public.replace_text", "id"), SCHEMA, 1, TextPolicy.REPLACE,
                rows("\0a\0b\0", Arrays.asList("x\0y", List.of("\0", "fine")), "{\"k\":\"a\\u0000b\",\"e\":\"\\\\u0000\"}"));
        assertEquals(4, result.textValuesReplaced()); // note, nested label, one nested tag, the variant
        assertEquals(List.of("\uFFFDa\uFFFDb\uFFFD",
                        "{\"tags\": [\"\uFFFD\", \"fine\"], \"label\": \"x\uFFFDy\"}",
                        "{\"e\": \"\\\\u0000\", \"k\": \"a\uFFFDb\"}"),
                db.query("SELECT note, nested::text, doc::text FROM public.replace_text WHERE id = 2").get(0));
    }

    @Test
    void aBackslashFollowedByU0000InAVariantIsNotANul() {
        SnapshotResult result = db.snapshot(spec("public.escaped_text", "id"), SCHEMA, 1,
                rows("ok", null, "\"\\\\u0000\""));
        assertEquals(0, result.textValuesReplaced());
        assertEquals("\\u0000", db.scalar("SELECT doc #>> '{}' FROM public.escaped_text WHERE id = 2"));
        assertFalse(db.scalar("SELECT note FROM public.escaped_text WHERE id = 2").isEmpty());
    }
}
