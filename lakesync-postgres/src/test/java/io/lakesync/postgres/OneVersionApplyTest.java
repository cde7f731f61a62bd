package io.lakesync.postgres;

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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Changes of one version without a timeseries key take the merge's direct path (no collapse: the
 * upserts go as they are, a delete counts only for a key no upsert of the version re-adds). Random
 * change sets, checked against a model of the rules, show it ends where the collapse would: the
 * same rows and the same counts.
 */
class OneVersionApplyTest {

    private static final TableSchema ITEMS = schema(col("id", ColumnType.LONG), col("name", ColumnType.STRING),
            col("qty", ColumnType.INT));
    private static final int KEYS = 60;

    private static SinkFixture db;

    @BeforeAll
    static void start() {
        db = new SinkFixture();
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    @ParameterizedTest(name = "seed {0}")
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12})
    void randomChangesOfOneVersionEndAsTheRulesSay(long seed) {
        Random random = new Random(seed);
        SyncedTableSpec spec = spec("public.one_version_" + seed, "id");
        Map<Long, List<Object>> table = new TreeMap<>();
        TestBatch.Builder snapshot = TestBatch.of(ITEMS);
        for (long id = 0; id < KEYS; id++) {
            if (random.nextInt(3) > 0) {
                List<Object> row = Arrays.<Object>asList(id, "name " + id, random.nextInt(4) == 0 ? null : (int) id);
                table.put(id, row);
                snapshot.row(row.toArray());
            }
        }
        db.snapshot(spec, ITEMS, 1, snapshot.build());

        // one version: each key at most one upsert (unchanged, changed, or new), deletes of any keys
        List<ChangeBatch> batches = new ArrayList<>();
        Set<Long> upserted = new TreeSet<>();
        Set<Long> deleted = new TreeSet<>();
        int inserted = 0;
        int updated = 0;
        for (long id = 0; id < KEYS + 10; id++) {
            if (random.nextInt(3) == 0) {
                deleted.add(id);
            }
            if (random.nextInt(2) == 0) {
                List<Object> before = table.get(id);
                Integer qty = random.nextInt(4) == 0 ? null : random.nextInt(100);
                List<Object> after = before != null && random.nextBoolean() ? before
                        : Arrays.<Object>asList(id, "name " + id + " v2", qty);
                if (before == null) {
                    inserted++;
                } else if (!before.equals(after)) {
                    updated++;
                }
                upserted.add(id);
                batches.add(new ChangeBatch(2, ChangeKind.UPSERT, TestBatch.of(ITEMS).row(after.toArray()).build()));
                table.put(id, after);
            }
        }
        int removed = 0;
        for (long id : deleted) {
            if (!upserted.contains(id) && table.remove(id) != null) {
                removed++;
            }
            batches.add(new ChangeBatch(2, ChangeKind.DELETE, TestBatch.of(ITEMS).row(id, null, null).build()));
        }
        Collections.shuffle(batches, random);

        ApplyResult result = db.apply(spec, ITEMS, 1, 2, batches.toArray(ChangeBatch[]::new));

        assertEquals(new ApplyResult(version(2), inserted, updated, removed, 0), result, "seed " + seed);
        List<List<String>> expected = new ArrayList<>();
        for (List<Object> row : table.values()) {
            expected.add(row.stream().map(v -> v == null ? null : v.toString()).toList());
        }
        assertEquals(expected, db.query("SELECT t.id::text, t.name, t.qty::text FROM " + spec.target() + " t ORDER BY t.id"),
                "seed " + seed);
        assertEquals(table.size(), db.sink.watermark(spec.target()).orElseThrow().rowCount());
    }

    @Test
    void twoUpsertsOfOneKeyInTheOnlyVersionFailAndLeaveTheTarget() {
        SyncedTableSpec spec = spec("public.one_version_dup", "id");
        db.snapshot(spec, ITEMS, 1, TestBatch.of(ITEMS).row(1L, "a", 1).build());
        LakesyncException e = assertThrows(LakesyncException.class, () -> db.apply(spec, ITEMS, 1, 2,
                new ChangeBatch(2, ChangeKind.UPSERT, TestBatch.of(ITEMS).row(2L, "first", 1).row(3L, "c", 3).build()),
                new ChangeBatch(2, ChangeKind.DELETE, TestBatch.of(ITEMS).row(1L, null, null).build()),
                new ChangeBatch(2, ChangeKind.UPSERT, TestBatch.of(ITEMS).row(2L, "second", 2).build())));
        assertEquals(ErrorCode.PRIMARY_KEY_CONSTRAINT_VIOLATION, e.code());
        assertTrue(e.getMessage().startsWith("The primary key (id) is not unique in version 2 of"
                + " /data/public.one_version_dup: id=2 occurs in 2 rows."), e.getMessage());
        assertEquals(List.of(List.of("1", "a")), db.query("SELECT id::text, name FROM public.one_version_dup"));
        assertEquals(version(1), db.sink.watermark(TableName.parse("public.one_version_dup")).orElseThrow().version());
    }

    @Test
    void aTableOfKeyColumnsOnlyRefusesADuplicateKeyInOneVersion() {
        // ON CONFLICT DO NOTHING would swallow the twin: the duplicate check must catch it first
        TableSchema keys = schema(col("a", ColumnType.INT), col("b", ColumnType.STRING));
        SyncedTableSpec spec = spec("public.one_version_keys", "a", "b");
        db.snapshot(spec, keys, 1, TestBatch.of(keys).row(1, "x").build());
        LakesyncException e = assertThrows(LakesyncException.class, () -> db.apply(spec, keys, 1, 2,
                new ChangeBatch(2, ChangeKind.UPSERT, TestBatch.of(keys).row(2, "y").row(2, "y").build())));
        assertEquals(ErrorCode.PRIMARY_KEY_CONSTRAINT_VIOLATION, e.code());
        assertEquals("1", db.scalar("SELECT count(*) FROM public.one_version_keys"));
        assertTrue(Objects.requireNonNull(e.getMessage()).contains("a=2, b=y"), e.getMessage());
    }
}
