package io.lakesync.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakesync.client.model.Health;
import io.lakesync.client.model.SchedulingPolicy;
import io.lakesync.client.model.SyncRequestAnswer;
import io.lakesync.client.model.SyncedTable;
import io.lakesync.client.model.TableSpec;
import io.lakesync.client.model.TableUpdate;
import io.lakesync.testkit.http.CannedHttpServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client against a real HTTP server with canned answers: requests sent, answers read, errors mapped. */
class LakesyncClientTest {

    static final String TABLES = "/api/2.0/database/synced_tables";
    static final String TABLE_JSON = "{\"name\": \"gold.orders\", \"spec\": {\"source_table\": \"/data/orders\","
            + " \"primary_key_columns\": [\"id\"], \"scheduling_policy\": \"TRIGGERED\"}, \"paused\": false}";

    CannedHttpServer server;
    LakesyncClient client;

    @BeforeEach
    void start() throws IOException {
        server = new CannedHttpServer();
        client = LakesyncClient.builder().baseUrl(server.url() + "/").token("s3cret").timeout(Duration.ofSeconds(10))
                .build();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void notFoundCarriesStatusCodeAndTheServersMessage() {
        server.answer("GET " + TABLES + "/gold.x", 404, "{\"error_code\": \"RESOURCE_DOES_NOT_EXIST\","
                + " \"message\": \"No synced table named gold.x. List them with `lakesync tables list`.\"}");
        NotFoundException e = assertThrows(NotFoundException.class, () -> client.getSyncedTable("gold.x"));
        assertEquals("RESOURCE_DOES_NOT_EXIST (404): No synced table named gold.x. List them with `lakesync tables list`.",
                e.getMessage());
        assertEquals(404, e.status());
        assertEquals("RESOURCE_DOES_NOT_EXIST", e.errorCode());
        assertTrue(client.findSyncedTable("gold.x").isEmpty());
    }

    @Test
    void alreadyExistsAndInvalidRequest() {
        server.answer("POST " + TABLES, 409, "{\"error_code\": \"RESOURCE_ALREADY_EXISTS\","
                + " \"message\": \"A synced table named gold.orders exists already.\"}");
        SyncedTable table = SyncedTable.of("gold.orders", TableSpec.builder("/data/orders", "id").build());
        AlreadyExistsException exists = assertThrows(AlreadyExistsException.class, () -> client.createSyncedTable(table));
        assertEquals("RESOURCE_ALREADY_EXISTS (409): A synced table named gold.orders exists already.", exists.getMessage());

        server.answer("PATCH " + TABLES + "/gold.orders", 400, "{\"error_code\": \"INVALID_PARAMETER_VALUE\","
                + " \"message\": \"source_table cannot change: delete and create the synced table again.\"}");
        InvalidRequestException invalid = assertThrows(InvalidRequestException.class,
                () -> client.updateSyncedTable("gold.orders", TableUpdate.pause()));
        assertTrue(invalid.getMessage().startsWith("INVALID_PARAMETER_VALUE (400): source_table cannot change"));
    }

    @Test
    void unauthenticatedSaysHowToPassTheToken() {
        String body = "{\"error_code\": \"UNAUTHENTICATED\", \"message\": \"Missing or unknown bearer token.\"}";
        server.answer("GET " + TABLES + "/gold.orders", 401, body);
        UnauthenticatedException refused = assertThrows(UnauthenticatedException.class,
                () -> client.getSyncedTable("gold.orders"));
        assertTrue(refused.getMessage().startsWith("UNAUTHENTICATED (401): Missing or unknown bearer token."
                + " The server refused the API token that was sent."), refused.getMessage());

        LakesyncClient anonymous = LakesyncClient.builder().baseUrl(server.url()).build();
        UnauthenticatedException none = assertThrows(UnauthenticatedException.class,
                () -> anonymous.getSyncedTable("gold.orders"));
        assertTrue(none.getMessage().contains("No API token was sent"), none.getMessage());
        assertTrue(none.getMessage().contains("--token") && none.getMessage().contains("LAKESYNC_API_TOKEN"));
        assertEquals(null, server.received().get(server.received().size() - 1).authorization());
    }

    @Test
    void otherCodesKeepTheirCodeWithoutASubclass() {
        server.answer("POST " + TABLES + "/gold.orders/sync", 503, "{\"error_code\": \"TEMPORARILY_UNAVAILABLE\","
                + " \"message\": \"The database is down; retrying.\"}");
        LakesyncApiException e = assertThrows(LakesyncApiException.class, () -> client.syncNow("gold.orders"));
        assertSame(LakesyncApiException.class, e.getClass());
        assertEquals("TEMPORARILY_UNAVAILABLE (503): The database is down; retrying.", e.getMessage());
    }

    @Test
    void nonJsonErrorBodiesAreShortenedAndExplained() {
        server.answerText("GET " + TABLES + "/gold.orders", 502, "text/html",
                "<html>\n<body>Bad Gateway</body>\n</html>" + "x".repeat(500));
        LakesyncApiException e = assertThrows(LakesyncApiException.class, () -> client.getSyncedTable("gold.orders"));
        assertSame(LakesyncApiException.class, e.getClass());
        assertEquals(502, e.status());
        assertEquals("INTERNAL_ERROR", e.errorCode());
        assertTrue(e.getMessage().contains("HTTP 502 and no lakesync error body: \"<html> <body>Bad Gateway</body>"),
                e.getMessage());
        assertTrue(e.getMessage().length() < 500, e.getMessage());

        server.answer("GET " + TABLES + "/gold.a", 404, "{\"detail\": \"Not Found\"}");
        LakesyncApiException noCode = assertThrows(LakesyncApiException.class, () -> client.getSyncedTable("gold.a"));
        assertFalse(noCode instanceof NotFoundException, "only a lakesync error body says the table does not exist");

        server.answerText("DELETE " + TABLES + "/gold.b", 500, "text/plain", "");
        LakesyncApiException empty = assertThrows(LakesyncApiException.class,
                () -> client.deleteSyncedTable("gold.b", false));
        assertTrue(empty.getMessage().startsWith("INTERNAL_ERROR (500): The server answered DELETE "), empty.getMessage());
    }

    @Test
    void anUnreachableServerSaysHowToStartIt() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        LakesyncClient nowhere = LakesyncClient.builder().baseUrl("http://127.0.0.1:" + port).build();
        ServerUnreachableException e = assertThrows(ServerUnreachableException.class, nowhere::listSyncedTables);
        assertTrue(e.getMessage().startsWith("Cannot reach the lakesync server at http://127.0.0.1:" + port
                + ": connection refused."),
                e.getMessage());
        assertTrue(e.getMessage().endsWith(". Start it with `lakesync server`, or point --server /"
                + " LAKESYNC_SERVER_URL at it."), e.getMessage());
        assertFalse(e.getMessage().contains("null"), e.getMessage());
    }

    @Test
    void namesAreOnePathSegmentAndTheTokenIsABearer() {
        server.answer("GET " + TABLES + "/gold.a%20b%2Fc%3F", 200, TABLE_JSON);
        assertEquals("gold.orders", client.getSyncedTable("gold.a b/c?").name());
        CannedHttpServer.Received request = server.received().get(0);
        assertEquals("Bearer s3cret", request.authorization());
    }

    @Test
    void listingFollowsPageTokens() {
        server.answer("GET " + TABLES, 200, "{\"synced_tables\": [" + TABLE_JSON + "], \"next_page_token\": \"p 2\"}");
        server.answer("GET " + TABLES + "?page_token=p+2", 200, "{\"synced_tables\": ["
                + TABLE_JSON.replace("gold.orders", "gold.items") + "]}");
        List<SyncedTable> all = client.listSyncedTables();
        assertEquals(List.of("gold.orders", "gold.items"),
                all.stream().map(SyncedTable::name).collect(Collectors.toList()));

        server.answer("GET " + TABLES + "?page_size=1&page_token=p+2", 200, "{\"synced_tables\": []}");
        assertEquals(List.of(), client.listSyncedTables(1, "p 2").syncedTables());
    }

    @Test
    void aTokenHandedOutTwiceStopsTheListing() {
        server.answer("GET " + TABLES, 200, "{\"synced_tables\": [], \"next_page_token\": \"same\"}");
        server.answer("GET " + TABLES + "?page_token=same", 200, "{\"synced_tables\": [], \"next_page_token\": \"same\"}");
        LakesyncClientException e = assertThrows(LakesyncClientException.class, client::listSyncedTables);
        assertTrue(e.getMessage().contains("page token 'same' twice"), e.getMessage());
    }

    @Test
    void writesSendJsonBodiesAndReadTheAnswers() {
        server.answer("PATCH " + TABLES + "/gold.orders", 200, TABLE_JSON.replace("\"paused\": false", "\"paused\": true"));
        assertTrue(client.updateSyncedTable("gold.orders", TableUpdate.pause()).pausedOrFalse());
        CannedHttpServer.Received patch = server.received().get(0);
        assertEquals("{\"paused\":true}", patch.body());
        assertEquals("application/json", patch.contentType());

        server.answer("POST " + TABLES, 200, TABLE_JSON);
        client.createSyncedTable(SyncedTable.of("gold.orders", TableSpec.builder("/data/orders", "id")
                .schedulingPolicy(SchedulingPolicy.TRIGGERED).build()));
        assertEquals("{\"name\":\"gold.orders\",\"spec\":{\"source_table\":\"/data/orders\","
                + "\"primary_key_columns\":[\"id\"],\"scheduling_policy\":\"TRIGGERED\"}}", server.received().get(1).body());

        server.answer("DELETE " + TABLES + "/gold.orders?purge_data=true", 200, "{}");
        client.deleteSyncedTable("gold.orders", true);

        server.answer("POST " + TABLES + "/gold.orders/full-refresh", 202,
                "{\"name\": \"gold.orders\", \"accepted\": true, \"message\": \"Full refresh of gold.orders started.\"}");
        SyncRequestAnswer answer = client.fullRefresh("gold.orders");
        assertTrue(answer.accepted());
    }

    @Test
    void readsEveryOtherRoute() {
        server.answer("GET " + TABLES + "/gold.orders/runs?page_size=2", 200, "{\"runs\": [{\"run_id\": 3,"
                + " \"outcome\": \"RUNNING\", \"mode\": \"TRIGGERED\", \"started_at\": \"2026-11-26T12:00:00Z\"}]}");
        assertEquals(3, client.runs("gold.orders", 2, null).runs().get(0).runId());
        server.answer("POST " + TABLES + "/gold.orders/preview", 200, "{\"snapshot\": true, \"to_version\": 4,"
                + " \"rows_to_insert\": 10, \"rows_to_update\": 0, \"rows_to_delete\": 0,"
                + " \"sample_keys\": {\"insert\": [\"1\"], \"update\": [], \"delete\": []}}");
        assertEquals(10, client.preview("gold.orders").rowsToInsert());
        server.answer("GET " + TABLES + "/gold.orders/history", 200, "{\"points\": []}");
        assertEquals(List.of(), client.history("gold.orders").points());
        server.answer("GET /api/2.0/database/audit_log?page_size=5&page_token=abc", 200,
                "{\"entries\": [{\"id\": 9, \"action\": \"create\", \"request\": {\"name\": \"gold.orders\"}}]}");
        assertEquals("create", client.auditLog(5, "abc").entries().get(0).action());
        server.answer("POST " + TABLES + "/gold.orders/sync", 202,
                "{\"name\": \"gold.orders\", \"accepted\": false, \"message\": \"A run is already going.\"}");
        assertFalse(client.syncNow("gold.orders").accepted());
    }

    @Test
    void healthIsReadWhenUpAndWhenDown() {
        server.answer("GET /health", 503, "{\"status\": \"DOWN\", \"database\": \"DOWN\", \"tables\": 0}");
        Health down = client.health();
        assertFalse(down.up());
        server.answer("GET /health", 200, "{\"status\": \"UP\", \"database\": \"UP\", \"tables\": 2}");
        assertEquals(2, client.health().tables());
    }

    @Test
    void anAnswerThatIsNotTheModelIsReportedAsSuch() {
        server.answerText("GET " + TABLES + "/gold.orders", 200, "text/html", "<html>console</html>");
        LakesyncClientException e = assertThrows(LakesyncClientException.class, () -> client.getSyncedTable("gold.orders"));
        assertTrue(e.getMessage().contains("with a body that is not a SyncedTable"), e.getMessage());
    }

    @Test
    void badBaseUrlsAreRefusedWithTheExpectedForm() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> LakesyncClient.builder().baseUrl("localhost:8080").build());
        assertEquals("'localhost:8080' is not a server URL. Give it as http://HOST:PORT, for example"
                + " http://localhost:8080.", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LakesyncClient.builder().baseUrl("http://a b").build());
        assertEquals("http://h:1", LakesyncClient.builder().baseUrl(" http://h:1// ").build().baseUrl());
    }
}
