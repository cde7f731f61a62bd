package io.lakesync.postgres;

import static io.lakesync.postgres.SinkFixture.col;
import static io.lakesync.postgres.SinkFixture.schema;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakesync.core.error.ErrorCode;
import io.lakesync.core.error.LakesyncException;
import io.lakesync.core.model.ColumnType;
import io.lakesync.core.model.SyncMode;
import io.lakesync.core.model.SyncedTableSpec;
import io.lakesync.core.model.TableName;
import io.lakesync.core.model.TableSchema;
import io.lakesync.postgres.internal.ExtraIndexes;
import io.lakesync.postgres.internal.Sql;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Extra indexes: built on the shadow by a snapshot, kept in line with the spec on the live table. */
class ExtraIndexesIT {

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

    private static SyncedTableSpec spec(String target, String... extraIndexes) {
        return new SyncedTableSpec("/data/" + target, TableName.parse(target), List.of("id"), Optional.empty(),
                SyncMode.TRIGGERED, List.of(), List.of(extraIndexes));
    }

    private static void snapshot(SyncedTableSpec spec, long version) {
        db.snapshot(spec, ITEMS, version, TestBatch.of(ITEMS).row(1L, "a", 10).row(2L, "b", 20).build());
    }

    /** Each index of the table as "name: definition", by name. */
    private static List<String> indexes(String schema, String table) {
        return db.query("SELECT indexname || ': ' || regexp_replace(indexdef, '^.* USING ', '') FROM pg_indexes"
                + " WHERE schemaname = '" + schema + "' AND tablename = '" + table + "' ORDER BY indexname")
                .stream().map(row -> row.get(0)).toList();
    }

    private static String ours(String table, String... columns) {
        return ExtraIndexes.name(table, List.of(columns));
    }

    @Test
    void aSnapshotBuildsTheExtraIndexesAndTheNextSnapshotBuildsThemAgain() {
        SyncedTableSpec spec = spec("public.indexed", "name", "qty, name", "qty,name");
        snapshot(spec, 1);
        List<String> expected = List.of(
                "indexed_pkey: btree (id)",
                ours("indexed", "name") + ": btree (name)",
                ours("indexed", "qty", "name") + ": btree (qty, name)").stream().sorted().toList();
        assertEquals(expected, indexes("public", "indexed"));
        snapshot(spec, 2); // the swap replaces the table: the new one has the same indexes, under the same names
        assertEquals(expected, indexes("public", "indexed"));
        assertEquals("2", db.scalar("SELECT count(*) FROM public.indexed WHERE name IS NOT NULL"));
        // and they are what applyExtraIndexes expects: nothing to do
        db.sink.catalog().applyExtraIndexes(spec);
        assertEquals(expected, indexes("public", "indexed"));
    }

    @Test
    void applyingASpecCreatesMissingIndexesAndDropsOnlyTheOnesLakesyncMade() {
        snapshot(spec("public.evolving", "name"), 1);
        db.execute("CREATE INDEX users_own_index ON public.evolving (qty)");

        SyncedTableSpec changed = spec("public.evolving", "qty", "id, name");
        db.sink.catalog().applyExtraIndexes(changed);
        List<String> expected = List.of(
                "evolving_pkey: btree (id)",
                ours("evolving", "id", "name") + ": btree (id, name)",
                ours("evolving", "qty") + ": btree (qty)",
                "users_own_index: btree (qty)").stream().sorted().toList();
        assertEquals(expected, indexes("public", "evolving"));
        db.sink.catalog().applyExtraIndexes(changed);
        assertEquals(expected, indexes("public", "evolving"));

        LakesyncException e = assertThrows(LakesyncException.class,
                () -> db.sink.catalog().applyExtraIndexes(spec("public.evolving", "qty", "Name")));
        assertEquals(ErrorCode.COLUMN_NOT_FOUND, e.code());
        assertTrue(e.getMessage().contains("\"Name\"") && e.getMessage().contains("id, name, qty"), e.getMessage());
        assertEquals(expected, indexes("public", "evolving"));

        db.sink.catalog().applyExtraIndexes(spec("public.evolving"));
        assertEquals(List.of("evolving_pkey: btree (id)", "users_own_index: btree (qty)"),
                indexes("public", "evolving"));
    }

    @Test
    void nothingHappensBeforeTheFirstSnapshot() {
        db.sink.catalog().applyExtraIndexes(spec("public.not_yet", "name"));
        assertEquals("f", db.scalar("SELECT to_regclass('public.not_yet') IS NOT NULL"));
    }

    @Test
    void aSnapshotWithAnUnknownIndexColumnFailsBeforeLoadingAndKeepsTheTable() {
        snapshot(spec("public.strict"), 1);
        LakesyncException e = assertThrows(LakesyncException.class, () -> snapshot(spec("public.strict", "nme"), 2));
        assertEquals(ErrorCode.COLUMN_NOT_FOUND, e.code());
        assertTrue(e.getMessage().contains("extra index \"nme\"") && e.getMessage().contains("id, name, qty"),
                e.getMessage());
        assertEquals(1, db.sink.watermark(TableName.parse("public.strict")).orElseThrow().version().version());
        assertEquals(ErrorCode.INVALID_ARGUMENT, assertThrows(LakesyncException.class,
                () -> snapshot(spec("public.strict", "name,"), 2)).code());
    }

    @Test
    void namesAreDeterministicQuotedAndFitPostgres() {
        String longTable = "t".repeat(63);
        String name = ours(longTable, "name");
        assertTrue(name.getBytes(StandardCharsets.UTF_8).length <= Sql.MAX_IDENTIFIER_BYTES, name);
        assertEquals(name, ours(longTable, "name"));
        assertNotEquals(ours(longTable, "qty", "name"), ours(longTable, "name", "qty"));
        assertNotEquals(ours("a", "name"), ours("b", "name"));

        TableSchema odd = schema(col("id", ColumnType.LONG), col("Mixed \"Case\"", ColumnType.STRING));
        SyncedTableSpec spec = new SyncedTableSpec("/data/odd", TableName.parse("public." + longTable), List.of("id"),
                Optional.empty(), SyncMode.SNAPSHOT, List.of(), List.of("Mixed \"Case\""));
        db.snapshot(spec, odd, 1, TestBatch.of(odd).row(1L, "x").build());
        assertEquals(List.of(ours(longTable, "Mixed \"Case\"") + ": btree (\"Mixed \"\"Case\"\"\")"),
                indexes("public", longTable).stream().filter(i -> !i.contains("_pkey")).toList());
    }
}
