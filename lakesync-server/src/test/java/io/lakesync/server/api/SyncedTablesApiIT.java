package io.lakesync.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakesync.core.model.Column;
import io.lakesync.core.model.ColumnType;
import io.lakesync.server.LakesyncServer;
import io.lakesync.server.service.Http;
import io.lakesync.server.service.Items;
import io.lakesync.server.service.Pg;
import io.lakesync.server.service.ServiceSettings;
import io.lakesync.server.service.SyncedTables;
import io.lakesync.server.service.Wait;
import io.lakesync.testkit.TestPostgres;
import io.lakesync.testkit.delta.DeltaTableWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * The synced tables REST API of a real server (in-process) on a real PostgreSQL and real Delta
 * tables, through raw HTTP: each call's status, JSON shape and effect (rows in PostgreSQL, the
 * catalog, the audit log). The server's JDBC URL carries a password, which no answer may contain.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SyncedTablesApiIT {

    private static final String BASE = SyncedTables.BASE;
    private static final String TOKEN = "api-it-" + UUID.randomUUID();
    private static final String AUDIT = "/api/2.0/database/audit_log";

    @TempDir
    static Path dir;

    private String password;
    private LakesyncServer server;
    private Http http;
    private SyncedTables tables;
    private Pg pg;
    private Items items;

    @BeforeAll
    void start() {
        Pg.UrlWithPassword secret = Pg.withPassword(TestPostgres.newDatabase());
        String url = secret.url();
        password = secret.password();
        pg = new Pg(url);
        items = Items.create(dir.resolve("items"));
        items.append(10);
        server = LakesyncServer.start(new LakesyncServer.Options(url, "127.0.0.1", 0, Optional.of(TOKEN), 10,
                ServiceSettings.defaults().withPollInterval(Duration.ofMillis(50)), Optional.empty()));
        http = Http.to("http://127.0.0.1:" + server.port(), TOKEN);
        tables = new SyncedTables(http);
    }

    @AfterAll
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    @Order(1)
    void createGetAndListWithPaging() {
        JsonNode created = tables.create("api.list_b", items.path(), "TRIGGERED", Map.of());
        assertEquals("api.list_b", created.path("name").asText());
        assertEquals(items.path(), created.path("spec").path("source_table").asText());
        assertEquals("[\"id\"]", created.path("spec").path("primary_key_columns").toString());
        assertEquals("TRIGGERED", created.path("spec").path("scheduling_policy").asText());
        assertFalse(created.path("paused").asBoolean(true));
        assertTrue(created.hasNonNull("created_at") && created.hasNonNull("updated_at"), created::toString);
        assertTrue(List.of("PROVISIONING", "PROVISIONING_INITIAL_SNAPSHOT").contains(SyncedTables.state(created)),
                created::toString);
        tables.create("api.list_a", items.path(), "TRIGGERED", Map.of());
        tables.create("api.list_c", items.path(), "SNAPSHOT", Map.of());

        for (String name : List.of("api.list_a", "api.list_b", "api.list_c")) {
            JsonNode synced = tables.awaitSynced(name, 1, "ONLINE_NO_PENDING_UPDATE");
            JsonNode status = SyncedTables.status(synced);
            assertEquals(10, status.path("row_count").asLong(), synced::toString);
            assertEquals(0, status.path("lag").path("versions_behind").asLong(), synced::toString);
            assertTrue(status.path("last_sync").hasNonNull("sync_end_timestamp"), synced::toString);
            assertEquals(List.of(), pg.differences(items.expectedSql(), "SELECT " + Items.COLUMNS + " FROM " + name));
        }

        JsonNode all = http.get(BASE).json();
        List<String> allNames = names(all.path("synced_tables"));
        assertTrue(allNames.containsAll(List.of("api.list_a", "api.list_b", "api.list_c")), allNames::toString);
        assertEquals(allNames.stream().sorted().toList(), allNames, "listed in name order");
        assertFalse(all.has("next_page_token"), "one page holds them all: " + all);

        List<String> paged = new ArrayList<>();
        String token = null;
        do {
            Http.Answer page = http.get(BASE + "?page_size=1" + (token == null ? "" : "&page_token=" + token));
            assertEquals(200, page.status(), page::toString);
            assertEquals(1, page.json().path("synced_tables").size(), page::toString);
            paged.addAll(names(page.json().path("synced_tables")));
            token = page.json().path("next_page_token").asText(null);
        } while (token != null);
        assertEquals(allNames, paged);

        JsonNode two = http.get(BASE + "?page_size=2").json();
        assertEquals(allNames.subList(0, 2), names(two.path("synced_tables")));
        assertTrue(two.hasNonNull("next_page_token"), two::toString);
    }

    @Test
    @Order(2)
    void updateChangesScheduleSlaAndPauseButRefusesWhatDefinesTheData() {
        String name = "api.upd";
        tables.create(name, items.path(), "TRIGGERED", Map.of());
        tables.awaitSynced(name, 1, "ONLINE_NO_PENDING_UPDATE");
        Instant before = Instant.now();

        Http.Answer scheduled = http.patch(SyncedTables.path(name),
                "{\"spec\": {\"schedule\": {\"interval_seconds\": 300}, \"freshness_sla_seconds\": 60}}");
        assertEquals(200, scheduled.status(), scheduled::toString);
        assertEquals(300, scheduled.json().path("spec").path("schedule").path("interval_seconds").asLong());
        assertEquals(60, scheduled.json().path("spec").path("freshness_sla_seconds").asLong());
        JsonNode withSlot = tables.await(name, "showing its next slot",
                t -> SyncedTables.status(t).path("schedule_status").hasNonNull("next_run_at"));
        Instant next = Instant.parse(SyncedTables.status(withSlot).path("schedule_status").path("next_run_at").asText());
        assertTrue(next.isAfter(before.plusSeconds(250)) && next.isBefore(Instant.now().plusSeconds(301)),
                () -> "next_run_at " + next + " should be about 300 s after the update at " + before);
        JsonNode freshness = SyncedTables.status(withSlot).path("freshness");
        assertEquals(60, freshness.path("sla_seconds").asLong(), withSlot::toString);
        assertFalse(freshness.path("breached").asBoolean(true), withSlot::toString);
        assertEquals(1, pg.queryLong("SELECT count(*) FROM lakesync.synced_tables WHERE name = ?"
                + " AND schedule_kind = 'INTERVAL' AND schedule_value = '300' AND freshness_sla_seconds = 60", name),
                "the change is stored in the catalog");

        Http.Answer cron = http.patch(SyncedTables.path(name), "{\"spec\": {\"schedule\": {\"cron\": \"*/5 * * * *\"}}}");
        assertEquals(200, cron.status(), cron::toString);
        assertEquals("*/5 * * * *", tables.get(name).path("spec").path("schedule").path("cron").asText());

        Http.Answer paused = http.patch(SyncedTables.path(name), "{\"paused\": true}");
        assertEquals(200, paused.status(), paused::toString);
        assertTrue(paused.json().path("paused").asBoolean());
        JsonNode pausedTable = tables.get(name);
        assertTrue(pausedTable.path("paused").asBoolean());
        assertEquals("ONLINE", SyncedTables.state(pausedTable));
        assertTrue(SyncedTables.status(pausedTable).path("message").asText().startsWith("Paused"), pausedTable::toString);

        Http.Answer resumed = http.patch(SyncedTables.path(name), "{\"paused\": false}");
        assertEquals(200, resumed.status(), resumed::toString);
        assertFalse(resumed.json().path("paused").asBoolean(true));
        tables.awaitState(name, "ONLINE_NO_PENDING_UPDATE");

        Http.Answer cleared = http.patch(SyncedTables.path(name),
                "{\"spec\": {\"schedule\": null, \"freshness_sla_seconds\": null}}");
        assertEquals(200, cleared.status(), cleared::toString);
        assertFalse(cleared.json().path("spec").has("schedule"), cleared::toString);
        assertFalse(cleared.json().path("spec").has("freshness_sla_seconds"), cleared::toString);

        Http.Answer continuous = http.patch(SyncedTables.path(name), "{\"spec\": {\"scheduling_policy\": \"CONTINUOUS\"}}");
        assertEquals(200, continuous.status(), continuous::toString);
        tables.awaitState(name, "ONLINE_CONTINUOUS_UPDATE");

        Http.Answer same = http.patch(SyncedTables.path(name), Http.json(Map.of("spec", Map.of("source_table",
                items.path(), "primary_key_columns", List.of("id")))));
        assertEquals(200, same.status(), () -> "restating the unchanged fields is no change: " + same);

        Map<String, String> refusals = Map.of(
                "source_table", "{\"spec\": {\"source_table\": \"" + dir.resolve("elsewhere") + "\"}}",
                "primary_key_columns", "{\"spec\": {\"primary_key_columns\": [\"name\"]}}",
                "timeseries_key", "{\"spec\": {\"timeseries_key\": \"amount\"}}",
                "columns", "{\"spec\": {\"columns\": [\"id\", \"name\"]}}");
        for (Map.Entry<String, String> refusal : refusals.entrySet()) {
            Http.Answer refused = http.patch(SyncedTables.path(name), refusal.getValue());
            assertEquals(400, refused.status(), refused::toString);
            assertEquals("INVALID_PARAMETER_VALUE", refused.errorCode(), refused::toString);
            assertTrue(refused.message().contains("spec." + refusal.getKey() + " of " + name + " cannot change")
                    && refused.message().contains("Delete the synced table"), refused::toString);
        }
        JsonNode after = tables.get(name);
        assertEquals(items.path(), after.path("spec").path("source_table").asText());
        assertEquals("[\"id\"]", after.path("spec").path("primary_key_columns").toString());
        assertFalse(after.path("spec").has("timeseries_key") || after.path("spec").has("columns"), after::toString);
        assertEquals("CONTINUOUS", after.path("spec").path("scheduling_policy").asText());
    }

    @Test
    @Order(3)
    void deleteKeepsThePostgresTableUnlessPurgeDataIsSet() {
        tables.create("api.keep", items.path(), "TRIGGERED", Map.of());
        tables.create("api.drop", items.path(), "TRIGGERED", Map.of());
        tables.awaitSynced("api.keep", 1, "ONLINE_NO_PENDING_UPDATE");
        tables.awaitSynced("api.drop", 1, "ONLINE_NO_PENDING_UPDATE");

        Http.Answer kept = http.delete(SyncedTables.path("api.keep"));
        assertEquals(200, kept.status(), kept::toString);
        assertEquals("{}", kept.body());
        assertEquals(404, http.get(SyncedTables.path("api.keep")).status());
        assertFalse(names(http.get(BASE).json().path("synced_tables")).contains("api.keep"));
        assertTrue(pg.exists("api.keep"), "without purge_data the table stays");
        assertEquals(List.of(), pg.differences(items.expectedSql(), "SELECT " + Items.COLUMNS + " FROM api.keep"));
        assertEquals(0, pg.queryLong("SELECT count(*) FROM lakesync.synced_tables WHERE name = 'api.keep'"));
        assertEquals(0, pg.queryLong("SELECT count(*) FROM lakesync.watermarks WHERE table_name = 'api.keep'"));

        Http.Answer dropped = http.delete(SyncedTables.path("api.drop") + "?purge_data=true");
        assertEquals(200, dropped.status(), dropped::toString);
        assertFalse(pg.exists("api.drop"), "purge_data drops the table");
        assertEquals(0, pg.queryLong("SELECT count(*) FROM lakesync.synced_tables WHERE name = 'api.drop'"));

        Http.Answer again = http.delete(SyncedTables.path("api.drop"));
        assertEquals(404, again.status(), again::toString);
        assertEquals("RESOURCE_DOES_NOT_EXIST", again.errorCode());
    }

    @Test
    @Order(4)
    void previewCountsWhatTheNextSyncDoesAndRunsHistoryAndFullRefreshFollow() {
        String name = "api.events";
        DeltaTableWriter events = DeltaTableWriter.create(dir.resolve("events"), List.of(
                new Column("id", ColumnType.LONG, false),
                new Column("ts", ColumnType.LONG, false),
                new Column("label", ColumnType.STRING, true)), List.of(), Map.of());
        List<Object[]> first = new ArrayList<>();
        for (long id = 0; id < 10; id++) {
            first.add(new Object[] {id, 1L, "a-" + id});
        }
        events.append(first);
        tables.create(name, events.dir().toString(), "TRIGGERED", Map.of("timeseries_key", "ts"));
        tables.awaitSynced(name, 1, "ONLINE_NO_PENDING_UPDATE");

        Http.Answer nothing = http.post(SyncedTables.path(name) + "/preview", null);
        assertEquals(200, nothing.status(), nothing::toString);
        assertPreview(nothing.json(), 0, 0, 0);

        // version 2: five new keys, newer rows of three keys
        List<Object[]> second = new ArrayList<>();
        for (long id = 10; id < 15; id++) {
            second.add(new Object[] {id, 2L, "b-" + id});
        }
        for (long id = 0; id < 3; id++) {
            second.add(new Object[] {id, 2L, "b-" + id});
        }
        assertEquals(2, events.append(second));
        tables.await(name, "one version behind", t -> SyncedTables.status(t).path("lag").path("versions_behind").asLong() == 1);

        Http.Answer previewed = http.post(SyncedTables.path(name) + "/preview", null);
        assertEquals(200, previewed.status(), previewed::toString);
        JsonNode preview = previewed.json();
        assertFalse(preview.path("snapshot").asBoolean(true), preview::toString);
        assertEquals(1, preview.path("from_version").asLong(), preview::toString);
        assertEquals(2, preview.path("to_version").asLong(), preview::toString);
        assertPreview(preview, 5, 3, 0);
        assertEquals(List.of("10", "11", "12", "13", "14"), texts(preview.path("sample_keys").path("insert")));
        assertEquals(List.of("0", "1", "2"), texts(preview.path("sample_keys").path("update")));
        assertEquals(1, pg.watermark(name).getAsLong(), "a preview applies nothing");
        assertEquals(0, pg.queryLong("SELECT count(*) FROM " + name + " WHERE label LIKE 'b-%'"));

        Http.Answer sync = http.post(SyncedTables.path(name) + "/sync", null);
        assertEquals(202, sync.status(), sync::toString);
        assertEquals(name, sync.json().path("name").asText());
        assertTrue(sync.json().path("accepted").asBoolean(), sync::toString);
        assertTrue(sync.json().path("message").asText().contains("starts within a moment"), sync::toString);
        tables.awaitSynced(name, 2, "ONLINE_NO_PENDING_UPDATE");

        JsonNode newest = http.get(SyncedTables.path(name) + "/runs").json().path("runs").get(0);
        assertEquals("SUCCEEDED", newest.path("outcome").asText(), newest::toString);
        assertEquals(1, newest.path("from_version").asLong(), newest::toString);
        assertEquals(2, newest.path("to_version").asLong(), newest::toString);
        assertEquals(preview.path("rows_to_insert").asLong(), newest.path("rows_inserted").asLong(), newest::toString);
        assertEquals(preview.path("rows_to_update").asLong(), newest.path("rows_updated").asLong(), newest::toString);
        assertEquals(preview.path("rows_to_delete").asLong(), newest.path("rows_deleted").asLong(), newest::toString);
        String expected = "SELECT g::bigint AS id, (CASE WHEN g < 3 OR g >= 10 THEN 2 ELSE 1 END)::bigint AS ts,"
                + " (CASE WHEN g < 3 OR g >= 10 THEN 'b-' ELSE 'a-' END) || g AS label FROM generate_series(0, 14) g";
        assertEquals(List.of(), pg.differences(expected, "SELECT id, ts, label FROM " + name));

        Http.Answer current = http.post(SyncedTables.path(name) + "/preview", null);
        assertPreview(current.json(), 0, 0, 0);
        assertEquals(2, current.json().path("to_version").asLong(), current::toString);

        Http.Answer refresh = http.post(SyncedTables.path(name) + "/full-refresh", null);
        assertEquals(202, refresh.status(), refresh::toString);
        assertTrue(refresh.json().path("accepted").asBoolean(), refresh::toString);
        JsonNode[] refreshed = new JsonNode[1];
        Wait.until("the full refresh to succeed", () -> {
            refreshed[0] = http.get(SyncedTables.path(name) + "/runs").json();
            return refreshed[0].path("runs").size() == 3
                    && "SUCCEEDED".equals(refreshed[0].path("runs").get(0).path("outcome").asText());
        }, () -> String.valueOf(refreshed[0]));
        JsonNode refreshRun = refreshed[0].path("runs").get(0);
        assertEquals(15, refreshRun.path("rows_written").asLong(), refreshRun::toString);
        assertEquals(2, refreshRun.path("to_version").asLong(), refreshRun::toString);
        tables.awaitSynced(name, 2, "ONLINE_NO_PENDING_UPDATE");
        assertEquals(List.of(), pg.differences(expected, "SELECT id, ts, label FROM " + name));

        // runs, paged one at a time, newest first, equal to the one-page answer
        List<JsonNode> onePage = list(refreshed[0].path("runs"));
        List<JsonNode> paged = new ArrayList<>();
        String token = null;
        do {
            Http.Answer page = http.get(SyncedTables.path(name) + "/runs?page_size=1"
                    + (token == null ? "" : "&page_token=" + token));
            assertEquals(200, page.status(), page::toString);
            assertEquals(1, page.json().path("runs").size(), page::toString);
            paged.addAll(list(page.json().path("runs")));
            token = page.json().path("next_page_token").asText(null);
        } while (token != null);
        assertEquals(onePage, paged);
        for (int i = 1; i < paged.size(); i++) {
            assertTrue(paged.get(i - 1).path("run_id").asLong() > paged.get(i).path("run_id").asLong(), paged::toString);
        }

        // the chart's history: every row that the runs wrote, at times with lag samples
        Http.Answer history = http.get(SyncedTables.path(name) + "/history");
        assertEquals(200, history.status(), history::toString);
        List<JsonNode> points = list(history.json().path("points"));
        assertFalse(points.isEmpty(), history::toString);
        long applied = points.stream().mapToLong(p -> p.path("rows_applied").asLong()).sum();
        long written = onePage.stream().mapToLong(r -> r.path("rows_written").asLong()).sum();
        assertEquals(10 + 8 + 15, written, onePage::toString);
        assertEquals(written, applied, history::toString);
        points.forEach(p -> assertTrue(p.hasNonNull("at") && p.has("versions_behind") && p.has("seconds_behind"),
                p::toString));
    }

    @Test
    @Order(5)
    void theAuditLogHoldsEveryMutatingCallFailedOnesToo() {
        String name = "api.audited";
        String body = SyncedTables.body(name, items.path(), "TRIGGERED", Map.of());
        List<String[]> calls = List.of(
                new String[] {"create", "200", http.post(BASE, body).status() + ""},
                new String[] {"create", "409", http.post(BASE, body).status() + ""},
                new String[] {"update", "200", http.patch(SyncedTables.path(name), "{\"paused\": true}").status() + ""},
                new String[] {"update", "400", http.patch(SyncedTables.path(name),
                        "{\"spec\": {\"primary_key_columns\": [\"name\"]}}").status() + ""},
                new String[] {"sync", "202", http.post(SyncedTables.path(name) + "/sync", null).status() + ""},
                new String[] {"full-refresh", "202",
                        http.post(SyncedTables.path(name) + "/full-refresh", null).status() + ""},
                new String[] {"delete", "200", http.delete(SyncedTables.path(name) + "?purge_data=true").status() + ""},
                new String[] {"delete", "404", http.delete(SyncedTables.path(name)).status() + ""});
        for (String[] call : calls) {
            assertEquals(call[1], call[2], () -> call[0] + " answered " + call[2]);
        }

        List<JsonNode> entries = new ArrayList<>();
        String token = null;
        do {
            Http.Answer page = http.get(AUDIT + "?page_size=3" + (token == null ? "" : "&page_token=" + token));
            assertEquals(200, page.status(), page::toString);
            assertTrue(page.json().path("entries").size() <= 3, page::toString);
            entries.addAll(list(page.json().path("entries")));
            token = page.json().path("next_page_token").asText(null);
        } while (token != null);
        for (int i = 1; i < entries.size(); i++) {
            assertTrue(entries.get(i - 1).path("id").asLong() > entries.get(i).path("id").asLong(), "newest first");
        }
        List<JsonNode> mine = entries.stream().filter(e -> name.equals(e.path("target").asText()))
                .collect(Collectors.toCollection(ArrayList::new));
        Collections.reverse(mine);
        assertEquals(calls.stream().map(c -> c[0] + " " + c[1]).toList(),
                mine.stream().map(e -> e.path("action").asText() + " " + e.path("request").path("status").asInt())
                        .toList(), () -> "audit entries of " + name + ": " + mine);
        for (JsonNode entry : mine) {
            assertEquals("configured", entry.path("actor").asText(), "the token's name: " + entry);
            assertTrue(entry.hasNonNull("at") && entry.path("remote_address").asText().contains("127.0.0.1"),
                    entry::toString);
        }
        assertEquals(name, mine.get(0).path("request").path("body").path("name").asText(), "the request body is kept");
        assertEquals("SYNCED_TABLE_EXISTS", mine.get(1).path("request").path("error_code").asText(), mine.get(1)::toString);
        assertTrue(mine.get(2).path("request").path("body").path("paused").asBoolean(), mine.get(2)::toString);
        assertEquals("true", mine.get(6).path("request").path("query").path("purge_data").asText(), mine.get(6)::toString);
        assertEquals("SYNCED_TABLE_NOT_FOUND", mine.get(7).path("request").path("error_code").asText(),
                mine.get(7)::toString);
    }

    @Test
    @Order(6)
    void errorsHaveTheRightStatusCodeAndMessage() {
        Http anonymous = http.withoutToken();
        assertError(anonymous.get(BASE), 401, "UNAUTHENTICATED", "Authorization: Bearer");
        assertError(http.withAuthorization("Bearer not-the-token").get(BASE), 401, "UNAUTHENTICATED", "not valid");
        assertError(http.withAuthorization("Basic " + TOKEN).get(BASE), 401, "UNAUTHENTICATED", "Authorization: Bearer");
        String unauthorized = SyncedTables.body("api.sneaky", items.path(), "TRIGGERED", Map.of());
        assertError(anonymous.post(BASE, unauthorized), 401, "UNAUTHENTICATED", "Bearer");
        assertError(anonymous.delete(SyncedTables.path("api.list_a")), 401, "UNAUTHENTICATED", "Bearer");
        assertEquals(200, http.get(SyncedTables.path("api.list_a")).status(), "a refused delete deletes nothing");

        String unknown = SyncedTables.path("api.nosuch");
        for (Http.Answer answer : List.of(http.get(unknown), http.patch(unknown, "{\"paused\": true}"),
                http.delete(unknown), http.post(unknown + "/sync", null), http.post(unknown + "/full-refresh", null),
                http.get(unknown + "/runs"), http.post(unknown + "/preview", null), http.get(unknown + "/history"))) {
            assertError(answer, 404, "RESOURCE_DOES_NOT_EXIST", "No synced table named api.nosuch");
        }

        assertError(http.post(BASE, SyncedTables.body("api.list_a", items.path(), "TRIGGERED", Map.of())), 409,
                "RESOURCE_ALREADY_EXISTS", "exists already");

        String bad = "api.bad";
        assertError(http.post(BASE, "this is not json"), 400, "INVALID_PARAMETER_VALUE", "not valid");
        assertError(http.post(BASE, ""), 400, "INVALID_PARAMETER_VALUE", "no body");
        assertError(http.post(BASE, "{\"name\": \"api.bad\", \"colour\": \"red\", \"spec\": {\"source_table\": \""
                + items.path() + "\", \"primary_key_columns\": [\"id\"]}}"), 400, "INVALID_PARAMETER_VALUE", "colour");
        assertError(http.post(BASE, SyncedTables.body(bad, items.path(), "TRIGGERED", Map.of("sauce", "hot"))), 400,
                "INVALID_PARAMETER_VALUE", "sauce");
        assertError(http.post(BASE, SyncedTables.body(bad, items.path(), "TRIGGERED",
                Map.of("schedule", Map.of("cron", "every full moon")))), 400, "INVALID_PARAMETER_VALUE",
                "cron expression 'every full moon' is not valid");
        assertError(http.post(BASE, SyncedTables.body(bad, items.path(), "CONTINUOUS",
                Map.of("schedule", Map.of("interval_seconds", 60)))), 400, "INVALID_PARAMETER_VALUE",
                "CONTINUOUS table needs no schedule");
        assertError(http.post(BASE, SyncedTables.body(bad, items.path(), "TRIGGERED",
                Map.of("schedule", Map.of("interval_seconds", 60, "cron", "* * * * *")))), 400,
                "INVALID_PARAMETER_VALUE", "exactly one of");
        assertError(http.post(BASE, SyncedTables.body(bad, items.path(), "SOMETIMES", Map.of())), 400,
                "INVALID_PARAMETER_VALUE", "SOMETIMES");
        assertError(http.post(BASE, SyncedTables.body(bad, items.path(), "TRIGGERED",
                Map.of("primary_key_columns", List.of()))), 400, "INVALID_PARAMETER_VALUE", "primary_key_columns");
        assertError(http.post(BASE, SyncedTables.body(bad, items.path(), "TRIGGERED",
                Map.of("primary_key_columns", List.of("no_such_column")))), 400, "INVALID_PARAMETER_VALUE",
                "no_such_column");
        assertError(http.post(BASE, SyncedTables.body(bad, dir.resolve("no-such-table").toString(), "TRIGGERED",
                Map.of())), 400, "INVALID_PARAMETER_VALUE", "no-such-table");
        assertError(http.patch(SyncedTables.path("api.list_a"), "{\"spec\": {\"schedule\": {\"cron\": \"61 * * * *\"}}}"),
                400, "INVALID_PARAMETER_VALUE", "cron");
        assertError(http.patch(SyncedTables.path("api.list_a"), "{\"spec\": {\"freshness_sla_seconds\": 0}}"), 400,
                "INVALID_PARAMETER_VALUE", "freshness_sla_seconds");
        assertError(http.patch(SyncedTables.path("api.list_a"), "{\"pause\": true}"), 400, "INVALID_PARAMETER_VALUE",
                "pause");
        assertError(http.get(BASE + "?page_size=0"), 400, "INVALID_PARAMETER_VALUE", "page_size");
        assertError(http.get(BASE + "?page_token=%21%21%21"), 400, "INVALID_PARAMETER_VALUE", "page_token");
        assertEquals(404, http.get(SyncedTables.path(bad)).status(), "no refused create made a table");
        assertEquals(404, http.get(SyncedTables.path("api.sneaky")).status(), "no unauthenticated create made a table");
        assertFalse(pg.exists(bad));
        assertNotNull(tables.get("api.list_a").path("spec").path("scheduling_policy").asText(null));
        assertFalse(tables.get("api.list_a").path("spec").has("schedule"), "refused updates changed nothing");

        assertError(http.get("/api/2.0/database/nothing_here"), 404, "RESOURCE_DOES_NOT_EXIST", "No such route");
    }

    /** Runs last: every answer this class received, errors included, is free of the database password. */
    @Test
    @Order(100)
    void noAnswerContainsThePasswordOrTheJdbcUrl() {
        http.get(BASE);
        http.get(SyncedTables.path("api.list_a"));
        http.get(SyncedTables.path("api.list_a") + "/runs");
        http.post(SyncedTables.path("api.list_a") + "/preview", null);
        http.get(AUDIT);
        http.withAuthorization("Bearer " + password).get(BASE);
        http.get("/health");
        List<String> answers = http.answersSeen();
        assertTrue(answers.size() > 50, "the class made its calls: " + answers.size());
        for (String answer : answers) {
            assertFalse(answer.contains(password), () -> "an answer contains the database password: " + answer);
            assertFalse(answer.contains("jdbc:postgresql"), () -> "an answer contains the JDBC URL: " + answer);
        }
    }

    private static void assertPreview(JsonNode preview, long inserts, long updates, long deletes) {
        assertEquals(inserts, preview.path("rows_to_insert").asLong(), preview::toString);
        assertEquals(updates, preview.path("rows_to_update").asLong(), preview::toString);
        assertEquals(deletes, preview.path("rows_to_delete").asLong(), preview::toString);
    }

    private static void assertError(Http.Answer answer, int status, String code, String messagePart) {
        assertEquals(status, answer.status(), answer::toString);
        assertEquals(code, answer.errorCode(), answer::toString);
        assertTrue(answer.message() != null && answer.message().contains(messagePart),
                () -> "the message should mention '" + messagePart + "': " + answer);
    }

    private static List<String> names(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(t -> t.path("name").asText()).toList();
    }

    private static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).sorted().toList();
    }

    private static List<JsonNode> list(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).toList();
    }
}
