package io.lakesync.server.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakesync.server.postgres.EmbeddedPostgresServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * PostgreSQL restarts while a sync runs: the server's own embedded PostgreSQL (data in a temporary
 * LAKESYNC_HOME, a port of its own) is restarted in the middle of a table's first snapshot. The run
 * fails with TARGET_UNAVAILABLE (in the run history and the failure metric), nothing half-loaded is
 * served, and the service retries by itself until the table is ONLINE with exactly the source's rows.
 */
class PostgresRestartIT {

    private static final String TABLE = "restart.items";
    private static final int ROWS = 300_000;

    @TempDir
    Path dir;

    @Test
    void aSnapshotCutByAPostgresRestartIsRetriedUntilTheTableIsOnline() throws IOException {
        Items items = Items.create(dir.resolve("items"));
        items.append(ROWS, 50_000); // six data files: the load takes a moment
        EmbeddedPostgresServer postgres = new EmbeddedPostgresServer(dir.resolve("home"), freePort());
        try {
            String url = postgres.ensureRunning();
            Pg pg = new Pg(url);
            try (InProcessServer server = InProcessServer.start(url, Optional.empty())) {
                SyncedTables tables = server.tables();
                tables.create(TABLE, items.path(), "TRIGGERED", Map.of());
                JsonNode loading = tables.await(TABLE, "loading its first snapshot", t -> "PROVISIONING_INITIAL_SNAPSHOT"
                        .equals(SyncedTables.state(t)) && SyncedTables.status(t).path("progress")
                        .path("synced_row_count").asLong() > 0);
                assertTrue(SyncedTables.status(loading).path("progress").path("synced_row_count").asLong() < ROWS,
                        loading::toString);

                // A restart: a fast shutdown cuts the sessions (the load's transaction rolls back), then
                // PostgreSQL comes back on the same port with the same data.
                postgres.stop();
                postgres.ensureRunning();
                JsonNode online = tables.awaitSynced(TABLE, 1, "ONLINE_NO_PENDING_UPDATE");
                assertEquals(ROWS, SyncedTables.status(online).path("row_count").asLong(), online::toString);
                assertFalse(SyncedTables.status(online).has("last_error"), online::toString);
                assertEquals(List.of(), pg.differences(items.expectedSql(), "SELECT " + Items.COLUMNS + " FROM " + TABLE));
                assertTrue(failures(server.http()) >= 1, () -> "the cut run counts as a TARGET_UNAVAILABLE failure:\n"
                        + server.http().get("/metrics").body());
                List<Pg.RunRow> runs = pg.runs(TABLE);
                Pg.RunRow last = runs.get(runs.size() - 1);
                assertTrue(last.succeeded() && last.snapshot() && last.toVersion() == 1 && last.rowsWritten() == ROWS,
                        () -> "the retry loaded the table: " + runs);
                List<Pg.RunRow> cut = runs.subList(0, runs.size() - 1);
                assertTrue(!cut.isEmpty() && cut.stream().allMatch(r -> !r.succeeded() && r.toVersion() == null),
                        () -> "the runs before it failed and committed nothing: " + runs);
                assertEquals("TARGET_UNAVAILABLE", cut.get(0).errorCode(), () -> "the cut run: " + runs);
                assertEquals(List.of(), Pg.chainProblems(runs, 1));
            }
        } finally {
            postgres.stop();
        }
    }

    /** lakesync_failures_total of the table for TARGET_UNAVAILABLE in /metrics (0 when absent). */
    private static double failures(Http http) {
        Matcher m = Pattern.compile("(?m)^lakesync_failures_total\\{(?=[^}]*error_code=\"TARGET_UNAVAILABLE\")"
                + "(?=[^}]*table=\"" + Pattern.quote(TABLE) + "\")[^}]*}\\s+(\\S+)$").matcher(http.withoutToken()
                .get("/metrics").body());
        return m.find() ? Double.parseDouble(m.group(1)) : 0;
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
