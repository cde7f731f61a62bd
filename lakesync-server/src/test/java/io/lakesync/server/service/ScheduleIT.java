package io.lakesync.server.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakesync.testkit.TestPostgres;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Schedules of TRIGGERED tables on a real server: an interval schedule and "on source change"
 * apply new Delta versions by themselves; a table without a schedule does not, however long the
 * others keep syncing, until it is asked to (POST .../sync).
 */
class ScheduleIT {

    private static final String EVERY_SECOND = "sched.every_second";
    private static final String ON_CHANGE = "sched.on_change";
    private static final String MANUAL = "sched.manual";

    @TempDir
    Path dir;

    @Test
    void scheduledTablesFollowTheirSourceAndAnUnscheduledOneWaitsForSync() {
        String url = TestPostgres.newDatabase();
        Pg pg = new Pg(url);
        Items everySecond = Items.create(dir.resolve("every-second"));
        Items onChange = Items.create(dir.resolve("on-change"));
        Items manual = Items.create(dir.resolve("manual"));
        for (Items items : List.of(everySecond, onChange, manual)) {
            items.append(100);
        }
        try (InProcessServer server = InProcessServer.start(url, Optional.empty())) {
            SyncedTables tables = server.tables();
            tables.create(EVERY_SECOND, everySecond.path(), "TRIGGERED", Map.of("schedule", Map.of("interval_seconds", 1)));
            tables.create(ON_CHANGE, onChange.path(), "TRIGGERED", Map.of("schedule", Map.of("on_source_change", true)));
            tables.create(MANUAL, manual.path(), "TRIGGERED", Map.of());
            for (String name : List.of(EVERY_SECOND, ON_CHANGE, MANUAL)) {
                tables.awaitSynced(name, 1, "ONLINE_NO_PENDING_UPDATE");
            }

            // The unscheduled table gets its new version first, so it has every chance the others have.
            manual.append(50);
            JsonNode waiting = tables.await(MANUAL, "behind by one version", t -> lag(t) == 1);
            assertEquals("ONLINE", SyncedTables.state(waiting), waiting::toString);

            everySecond.append(50);
            onChange.append(50);
            tables.awaitSynced(ON_CHANGE, 2, "ONLINE_NO_PENDING_UPDATE");
            JsonNode slotted = tables.awaitSynced(EVERY_SECOND, 2, "ONLINE_NO_PENDING_UPDATE");
            assertTrue(SyncedTables.status(slotted).path("schedule_status").hasNonNull("next_run_at"), slotted::toString);
            everySecond.append(50);
            onChange.append(50);
            tables.awaitSynced(EVERY_SECOND, 3, "ONLINE_NO_PENDING_UPDATE");
            tables.awaitSynced(ON_CHANGE, 3, "ONLINE_NO_PENDING_UPDATE");

            // Two slots and two source changes later the unscheduled table still waits.
            JsonNode stillWaiting = tables.get(MANUAL);
            assertEquals("ONLINE", SyncedTables.state(stillWaiting), stillWaiting::toString);
            assertEquals(1, SyncedTables.syncedVersion(stillWaiting), stillWaiting::toString);
            assertEquals(1, lag(stillWaiting), stillWaiting::toString);
            assertEquals(1, pg.watermark(MANUAL).getAsLong());
            assertEquals(1, pg.runs(MANUAL).size(), () -> "only the initial snapshot ran: " + pg.runs(MANUAL));
            assertEquals(100, pg.count(MANUAL));

            Http.Answer sync = server.http().post(SyncedTables.path(MANUAL) + "/sync", null);
            assertEquals(202, sync.status(), sync::toString);
            tables.awaitSynced(MANUAL, 2, "ONLINE_NO_PENDING_UPDATE");

            assertEquals(List.of(), pg.differences(manual.expectedSql(), "SELECT " + Items.COLUMNS + " FROM " + MANUAL));
            assertEquals(List.of(), pg.differences(everySecond.expectedSql(),
                    "SELECT " + Items.COLUMNS + " FROM " + EVERY_SECOND));
            assertEquals(List.of(), pg.differences(onChange.expectedSql(), "SELECT " + Items.COLUMNS + " FROM " + ON_CHANGE));
            for (String name : List.of(EVERY_SECOND, ON_CHANGE)) {
                List<Pg.RunRow> runs = pg.runs(name);
                assertEquals(List.of(), Pg.chainProblems(runs, 3), () -> name + " runs: " + runs);
                assertEquals(3, runs.size(), () -> "a snapshot and one run per new version: " + runs);
            }
            assertEquals(List.of(), Pg.chainProblems(pg.runs(MANUAL), 2));
        }
    }

    private static long lag(JsonNode table) {
        return SyncedTables.status(table).path("lag").path("versions_behind").asLong(-1);
    }
}
