package io.lakesync.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakesync.testkit.http.CannedHttpServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lakesync apply} and {@code lakesync tables} against a real HTTP server that gives the
 * API's canned answers: what is sent, what is printed, and the exit codes. (The end-to-end run
 * against the real lakesync server is ApplyCommandIT.)
 */
class ClientCommandsTest {

    static final String TABLES = "/api/2.0/database/synced_tables";
    static final String NOT_FOUND = "{\"error_code\": \"RESOURCE_DOES_NOT_EXIST\", \"message\": \"No synced table named %s.\"}";

    CannedHttpServer api;

    @BeforeEach
    void start() throws IOException {
        api = new CannedHttpServer();
    }

    @AfterEach
    void stop() {
        api.close();
    }

    CliRun cli(String... args) {
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--server";
        all[args.length + 1] = api.url();
        all[args.length + 2] = "--token";
        all[args.length + 3] = "t0ken";
        return CliRun.of(all);
    }

    static Path yaml(Path dir) throws IOException {
        Path file = dir.resolve("tables.yaml");
        Files.writeString(file, """
                synced_tables:
                  - name: gold.new
                    spec: {source_table: /data/new, primary_key_columns: [id], scheduling_policy: SNAPSHOT}
                  - name: gold.same
                    spec: {source_table: /data/same, primary_key_columns: [id]}
                  - name: gold.changed
                    spec:
                      source_table: /data/changed
                      primary_key_columns: [id]
                      schedule: {interval_seconds: 60}
                    paused: true
                """);
        return file;
    }

    void serverHasSameAndChanged() {
        api.answer("GET " + TABLES + "/gold.new", 404, NOT_FOUND.formatted("gold.new"));
        api.answer("GET " + TABLES + "/gold.same", 200, "{\"name\": \"gold.same\", \"spec\": {\"source_table\":"
                + " \"/data/same\", \"primary_key_columns\": [\"id\"], \"scheduling_policy\": \"TRIGGERED\"},"
                + " \"paused\": false, \"data_synchronization_status\": {\"detailed_state\": \"ONLINE\"}}");
        api.answer("GET " + TABLES + "/gold.changed", 200, "{\"name\": \"gold.changed\", \"spec\": {\"source_table\":"
                + " \"/data/changed\", \"primary_key_columns\": [\"id\"], \"scheduling_policy\": \"TRIGGERED\","
                + " \"freshness_sla_seconds\": 30}, \"paused\": false}");
    }

    @Test
    void applyCreatesUpdatesAndLeavesAlone(@TempDir Path dir) throws IOException {
        serverHasSameAndChanged();
        api.answer("POST " + TABLES, 200, "{\"name\": \"gold.new\"}");
        api.answer("PATCH " + TABLES + "/gold.changed", 200, "{\"name\": \"gold.changed\"}");
        CliRun run = cli("apply", "-f", yaml(dir).toString());
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("""
                created gold.new
                unchanged gold.same
                updated gold.changed: schedule: none -> every 60s, freshness_sla_seconds: 30s -> none, paused: false -> true
                """, run.out());
        assertEquals("", run.err());
        List<CannedHttpServer.Received> writes = writes();
        assertEquals(2, writes.size(), writes::toString);
        ModelJson.assertJson("{\"name\": \"gold.new\", \"spec\": {\"source_table\": \"/data/new\","
                + " \"primary_key_columns\": [\"id\"], \"scheduling_policy\": \"SNAPSHOT\"}}", writes.get(0).body());
        ModelJson.assertJson("{\"spec\": {\"schedule\": {\"interval_seconds\": 60}, \"freshness_sla_seconds\": null},"
                + " \"paused\": true}", writes.get(1).body());
        assertTrue(api.received().stream().allMatch(r -> "Bearer t0ken".equals(r.authorization())));
    }

    @Test
    void dryRunChangesNothing(@TempDir Path dir) throws IOException {
        serverHasSameAndChanged();
        CliRun run = cli("apply", "--dry-run", "-f", yaml(dir).toString());
        assertEquals(0, run.exitCode(), run::toString);
        assertEquals("""
                would create gold.new
                unchanged gold.same
                would update gold.changed: schedule: none -> every 60s, freshness_sla_seconds: 30s -> none, paused: false -> true
                (dry run: nothing was changed)
                """, run.out());
        assertEquals(List.of(), writes());
    }

    @Test
    void anImmutableChangeStopsTheWholeApply(@TempDir Path dir) throws IOException {
        serverHasSameAndChanged();
        api.answer("GET " + TABLES + "/gold.same", 200, "{\"name\": \"gold.same\", \"spec\": {\"source_table\":"
                + " \"/data/other\", \"primary_key_columns\": [\"id\"], \"scheduling_policy\": \"TRIGGERED\"}}");
        CliRun run = cli("apply", "-f", yaml(dir).toString());
        assertEquals(1, run.exitCode(), run::toString);
        assertEquals("", run.out());
        assertTrue(run.err().startsWith("lakesync: gold.same: spec.source_table (on the server: /data/other; in the"
                + " file: /data/same) cannot change in place"), run.err());
        assertTrue(run.err().endsWith("lakesync: nothing was changed.\n"), run.err());
        assertEquals(List.of(), writes());
    }

    @Test
    void aRefusedTableIsReportedAndTheOthersStillApply(@TempDir Path dir) throws IOException {
        serverHasSameAndChanged();
        api.answer("POST " + TABLES, 400, "{\"error_code\": \"INVALID_PARAMETER_VALUE\","
                + " \"message\": \"No Delta table at /data/new.\"}");
        api.answer("PATCH " + TABLES + "/gold.changed", 200, "{\"name\": \"gold.changed\"}");
        CliRun run = cli("apply", "-f", yaml(dir).toString());
        assertEquals(1, run.exitCode(), run::toString);
        assertEquals("lakesync: gold.new: INVALID_PARAMETER_VALUE (400): No Delta table at /data/new.\n", run.err());
        assertTrue(run.out().contains("updated gold.changed"), run::toString);
    }

    @Test
    void anInvalidFileIsOneLineAndNoRequest(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bad.yaml");
        Files.writeString(file, "synced_tables:\n  - name: gold.a\n    spec: {source_table: a}\n");
        CliRun run = cli("apply", "-f", file.toString());
        assertEquals(1, run.exitCode(), run::toString);
        assertEquals("lakesync: INVALID_ARGUMENT: " + file + ", synced table #1 (gold.a): spec.primary_key_columns is"
                + " missing. Name the key column(s), for example primary_key_columns: [customer_id].\n", run.err());
        assertEquals(List.of(), api.received());
    }

    @Test
    void tablesSubcommandsPrintReadableAnswers() {
        api.answer("GET " + TABLES, 200, "{\"synced_tables\": [{\"name\": \"gold.a\", \"spec\": {\"source_table\":"
                + " \"/a\", \"primary_key_columns\": [\"id\"], \"scheduling_policy\": \"SNAPSHOT\"}, \"paused\": false,"
                + " \"data_synchronization_status\": {\"detailed_state\": \"ONLINE_NO_PENDING_UPDATE\", \"row_count\": 5,"
                + " \"last_sync\": {\"delta_commit_version\": 3}, \"lag\": {\"versions_behind\": 0, \"seconds_behind\": 0.0}}}]}");
        CliRun list = cli("tables", "list");
        assertEquals(0, list.exitCode(), list::toString);
        assertEquals("""
                NAME    STATE                     VERSION  LAG      ROWS  SLA  LAST SYNC
                gold.a  ONLINE_NO_PENDING_UPDATE  3        0s / 0v  5     -    -
                """, list.out());
        CliRun json = cli("tables", "list", "--json");
        assertTrue(json.out().contains("\"detailed_state\" : \"ONLINE_NO_PENDING_UPDATE\""), json::toString);

        api.answer("POST " + TABLES + "/gold.a/sync", 202,
                "{\"name\": \"gold.a\", \"accepted\": false, \"message\": \"A run of gold.a is already going.\"}");
        CliRun sync = cli("tables", "sync", "gold.a");
        assertEquals(0, sync.exitCode(), sync::toString);
        assertEquals("A run of gold.a is already going.\n", sync.out());

        api.answer("PATCH " + TABLES + "/gold.a", 200, "{\"name\": \"gold.a\", \"paused\": true}");
        assertEquals("paused gold.a\n", cli("tables", "pause", "gold.a").out());
        ModelJson.assertJson("{\"paused\": true}", api.received().get(api.received().size() - 1).body());

        api.answer("DELETE " + TABLES + "/gold.a?purge_data=true", 200, "{}");
        assertEquals("deleted gold.a and dropped its PostgreSQL table\n",
                cli("tables", "delete", "gold.a", "--purge-data").out());
    }

    @Test
    void runsFollowPagesUpToTheLimit() {
        String run = "{\"run_id\": %d, \"mode\": \"TRIGGERED\", \"outcome\": \"SUCCEEDED\", \"rows_written\": 1}";
        api.answer("GET " + TABLES + "/gold.a/runs?page_size=3", 200,
                "{\"runs\": [" + run.formatted(9) + ", " + run.formatted(8) + "], \"next_page_token\": \"n\"}");
        api.answer("GET " + TABLES + "/gold.a/runs?page_size=1&page_token=n", 200,
                "{\"runs\": [" + run.formatted(7) + "], \"next_page_token\": \"m\"}");
        CliRun runs = cli("tables", "runs", "gold.a", "--limit", "3");
        assertEquals(0, runs.exitCode(), runs::toString);
        assertEquals(List.of("9", "8", "7"), runs.out().lines().skip(1).map(l -> l.split(" ")[0])
                .collect(Collectors.toList()));
    }

    @Test
    void apiErrorsAreOneLineWithExitOne() {
        api.answer("GET " + TABLES + "/gold.x", 404, NOT_FOUND.formatted("gold.x"));
        CliRun run = cli("tables", "get", "gold.x");
        assertEquals(1, run.exitCode());
        assertEquals("", run.out());
        assertEquals("lakesync: RESOURCE_DOES_NOT_EXIST (404): No synced table named gold.x.\n", run.err());

        api.answer("GET " + TABLES, 401, "{\"error_code\": \"UNAUTHENTICATED\", \"message\": \"Unknown API token.\"}");
        CliRun unauthenticated = CliRun.of("tables", "list", "--server", api.url(), "--token", "wrong");
        assertEquals(1, unauthenticated.exitCode());
        assertTrue(unauthenticated.err().startsWith("lakesync: UNAUTHENTICATED (401): Unknown API token. The server"
                + " refused the API token that was sent. Pass the server's token: --token T or LAKESYNC_API_TOKEN"),
                unauthenticated::toString);
        assertEquals(1, unauthenticated.err().lines().count());
    }

    @Test
    void anUnreachableServerSaysHowToStartIt() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        CliRun run = CliRun.of("tables", "list", "--server", "http://127.0.0.1:" + port);
        assertEquals(1, run.exitCode(), run::toString);
        assertEquals("lakesync: Cannot reach the lakesync server at http://127.0.0.1:" + port + ": connection refused."
                + " Start it with `lakesync server`, or point --server / LAKESYNC_SERVER_URL at it.\n", run.err());
    }

    @Test
    void usageErrorsExitTwo() {
        CliRun badUrl = CliRun.of("tables", "list", "--server", "localhost:8080");
        assertEquals(2, badUrl.exitCode(), badUrl::toString);
        assertTrue(badUrl.err().startsWith("Invalid value for --server: 'localhost:8080' is not a server URL."),
                badUrl::toString);
        assertEquals(2, CliRun.of("tables").exitCode());
        assertEquals(2, CliRun.of("tables", "get").exitCode());
        assertEquals(2, CliRun.of("apply").exitCode());
        assertEquals(2, CliRun.of("tables", "runs", "gold.a", "--limit", "0", "--server", api.url()).exitCode());
        assertEquals(0, CliRun.of("tables", "runs", "--help").exitCode());
    }

    private List<CannedHttpServer.Received> writes() {
        return api.received().stream().filter(r -> !r.method().equals("GET")).collect(Collectors.toList());
    }
}
