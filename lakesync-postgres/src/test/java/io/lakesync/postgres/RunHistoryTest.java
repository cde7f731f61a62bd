package io.lakesync.postgres;

import static io.lakesync.postgres.SinkFixture.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.lakesync.core.model.SyncMode;
import io.lakesync.core.model.SyncedTableSpec;
import io.lakesync.core.model.TableName;
import io.lakesync.core.spi.RunHistory;
import io.lakesync.core.spi.RunOutcome;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Runs and definitions in the catalog schema. */
class RunHistoryTest {

    private static SinkFixture db;

    @BeforeAll
    static void start() {
        db = new SinkFixture();
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    private static List<String> run(long runId) {
        return db.query("SELECT table_name, mode, outcome, from_version::text, to_version::text, rows_written::text,"
                + " rows_skipped::text, error_code, error_message, (ended_at IS NOT NULL)::text"
                + " FROM lakesync.runs WHERE run_id = " + runId).get(0);
    }

    @Test
    void startStoresTheDefinitionAndOpensARunThatEndsSucceededOrFailed() {
        RunHistory history = db.sink.runHistory();
        SyncedTableSpec spec = new SyncedTableSpec("/data/orders", TableName.parse("shop.orders"), List.of("region", "id"),
                Optional.of("updated"), SyncMode.SNAPSHOT, List.of("id", "region", "amount"));
        long first = history.start(spec, SyncMode.SNAPSHOT);
        assertEquals(List.of("shop.orders", "SNAPSHOT", "RUNNING"), run(first).subList(0, 3));
        assertEquals(Optional.of(spec), db.sink.definition(TableName.parse("shop.orders")));
        assertEquals(List.of("/data/orders", "{region,id}", "updated", "SNAPSHOT", "{id,region,amount}"),
                db.query("SELECT source, primary_key::text, timeseries_key, mode, columns::text"
                        + " FROM lakesync.synced_tables WHERE name = 'shop.orders'").get(0));

        history.succeeded(first, new RunOutcome(OptionalLong.of(3), OptionalLong.of(3), 120, 2));
        assertEquals(List.of("shop.orders", "SNAPSHOT", "SUCCEEDED", "3", "3", "120", "2"), run(first).subList(0, 7));
        assertNull(run(first).get(7));
        assertEquals("true", run(first).get(9));

        long second = history.start(spec, SyncMode.SNAPSHOT);
        assertNotEquals(first, second);
        history.failed(second, new RunOutcome(OptionalLong.empty(), OptionalLong.of(4), 0, 0),
                "PRIMARY_KEY_CONSTRAINT_VIOLATION", "The primary key (region, id) is not unique\0 in version 4");
        List<String> failed = run(second);
        assertEquals(java.util.Arrays.asList("FAILED", null, "4", "0", "0", "PRIMARY_KEY_CONSTRAINT_VIOLATION"),
                failed.subList(2, 8));
        assertEquals("The primary key (region, id) is not unique\uFFFD in version 4", failed.get(8));
    }

    @Test
    void anIncrementalRunStoresItsVersionsAndCounters() {
        RunHistory history = db.sink.runHistory();
        long run = history.start(spec("public.incremental", "id"), SyncMode.TRIGGERED);
        history.succeeded(run, new RunOutcome(OptionalLong.of(4), OptionalLong.of(9), 17, 2, 5, 8, 4, 1));
        assertEquals(List.of("TRIGGERED", "SUCCEEDED", "4", "9", "17", "2", "5", "8", "4", "1"),
                db.query("SELECT mode, outcome, from_version::text, to_version::text, rows_written::text,"
                        + " rows_skipped::text, rows_inserted::text, rows_updated::text, rows_deleted::text,"
                        + " snapshot_fallbacks::text FROM lakesync.runs WHERE run_id = " + run).get(0));
    }

    @Test
    void aRunLeftRunningByACrashIsClosedAsCrashedWhenTheNextRunStarts() {
        RunHistory history = db.sink.runHistory();
        long crashed = history.start(spec("public.crashy", "id"), SyncMode.SNAPSHOT);
        long other = history.start(spec("public.other", "id"), SyncMode.SNAPSHOT);
        long next = history.start(spec("public.crashy", "id"), SyncMode.SNAPSHOT);
        List<String> row = run(crashed);
        assertEquals("CRASHED", row.get(2));
        assertEquals("CRASHED", row.get(7));
        assertEquals("true", row.get(9));
        assertEquals("RUNNING", run(next).get(2));
        assertEquals("RUNNING", run(other).get(2)); // other tables' runs are not touched
    }

    @Test
    void aChangedDefinitionIsUpdated() {
        RunHistory history = db.sink.runHistory();
        history.start(spec("public.changing", "id"), SyncMode.SNAPSHOT);
        String created = db.scalar("SELECT updated_at::text FROM lakesync.synced_tables WHERE name = 'public.changing'");
        history.start(spec("public.changing", "id"), SyncMode.SNAPSHOT);
        assertEquals(created, db.scalar("SELECT updated_at::text FROM lakesync.synced_tables WHERE name = 'public.changing'"));
        SyncedTableSpec rekeyed = spec("public.changing", "id", "region");
        history.start(rekeyed, SyncMode.SNAPSHOT);
        assertEquals(Optional.of(rekeyed), db.sink.definition(TableName.parse("public.changing")));
        assertNotEquals(created, db.scalar("SELECT updated_at::text FROM lakesync.synced_tables WHERE name = 'public.changing'"));
        assertEquals(Optional.empty(), db.sink.definition(TableName.parse("public.never")));
        assertEquals(Optional.empty(), db.sink.watermark(TableName.parse("public.never")));
    }
}
