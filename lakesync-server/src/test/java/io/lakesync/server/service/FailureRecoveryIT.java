package io.lakesync.server.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.lakesync.client.Json;
import io.lakesync.testkit.TestPostgres;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Failures on a real server: a table whose source breaks (duplicate keys in one version, which no
 * retry can fix) goes ONLINE_PIPELINE_FAILED, keeps serving its last good rows, does not hold up
 * the other tables, and recovers by itself when a later version fixes the source. A table over its
 * freshness SLA says so in its status, in /metrics and to a webhook, and again when it is back.
 */
class FailureRecoveryIT {

    @TempDir
    Path dir;

    @Test
    void aBrokenSourceFailsOneTableOnlyAndALaterVersionHealsIt() {
        String url = TestPostgres.newDatabase();
        Pg pg = new Pg(url);
        Items broken = Items.create(dir.resolve("broken"));
        Items healthy = Items.create(dir.resolve("healthy"));
        broken.append(100);
        healthy.append(100);
        try (InProcessServer server = InProcessServer.start(url, Optional.empty())) {
            SyncedTables tables = server.tables();
            tables.create("fail.broken", broken.path(), "CONTINUOUS", Map.of());
            tables.create("fail.healthy", healthy.path(), "CONTINUOUS", Map.of());
            tables.awaitSynced("fail.broken", 1, "ONLINE_CONTINUOUS_UPDATE");
            tables.awaitSynced("fail.healthy", 1, "ONLINE_CONTINUOUS_UPDATE");

            // version 2 holds key 105 twice, with different rows: no sync can tell which is right
            List<Object[]> duplicated = new ArrayList<>();
            for (long id = 100; id < 110; id++) {
                duplicated.add(Items.row(id));
            }
            duplicated.add(new Object[] {105L, "impostor", -1.0});
            assertEquals(2, broken.appendRaw(duplicated));
            JsonNode failed = tables.awaitState("fail.broken", "ONLINE_PIPELINE_FAILED");
            JsonNode error = SyncedTables.status(failed).path("last_error");
            assertEquals("PRIMARY_KEY_CONSTRAINT_VIOLATION", error.path("error_code").asText(), failed::toString);
            assertTrue(error.path("message").asText().contains("105")
                    && error.path("message").asText().contains("version 2"), failed::toString);
            assertFalse(error.hasNonNull("next_retry_at"), () -> "no retry can fix the source: " + failed);
            assertEquals(1, SyncedTables.syncedVersion(failed), "it keeps serving version 1: " + failed);
            assertEquals(100, SyncedTables.status(failed).path("row_count").asLong(), failed::toString);

            // the other table keeps syncing meanwhile
            healthy.append(50);
            tables.awaitSynced("fail.healthy", 2, "ONLINE_CONTINUOUS_UPDATE");
            healthy.append(50);
            tables.awaitSynced("fail.healthy", 3, "ONLINE_CONTINUOUS_UPDATE");
            assertEquals(List.of(), pg.differences(healthy.expectedSql(), "SELECT " + Items.COLUMNS + " FROM fail.healthy"));

            // ... while the broken one still serves its last good rows, untouched, and did not retry in a loop
            JsonNode stillFailed = tables.get("fail.broken");
            assertEquals("ONLINE_PIPELINE_FAILED", SyncedTables.state(stillFailed), stillFailed::toString);
            assertEquals(1, pg.watermark("fail.broken").getAsLong());
            assertEquals(List.of(), pg.differences(Items.rowsSql(0, 100), "SELECT " + Items.COLUMNS + " FROM fail.broken"));
            List<Pg.RunRow> failedRuns = pg.runs("fail.broken").stream().filter(r -> !r.succeeded()).toList();
            assertEquals(1, failedRuns.size(), () -> "one failed run: " + pg.runs("fail.broken"));
            assertEquals("FAILED", failedRuns.get(0).outcome());
            assertEquals("PRIMARY_KEY_CONSTRAINT_VIOLATION", failedRuns.get(0).errorCode());

            // version 3 writes key 105 once more: the latest change of the key wins, the duplicates are history
            assertEquals(3, broken.appendRaw(List.<Object[]>of(Items.row(105))));
            JsonNode healed = tables.awaitSynced("fail.broken", 3, "ONLINE_CONTINUOUS_UPDATE");
            assertFalse(SyncedTables.status(healed).has("last_error"), healed::toString);
            assertEquals(110, SyncedTables.status(healed).path("row_count").asLong(), healed::toString);
            assertEquals(List.of(), pg.differences(Items.rowsSql(0, 110), "SELECT " + Items.COLUMNS + " FROM fail.broken"));
            assertEquals(List.of(), Pg.chainProblems(pg.runs("fail.broken"), 3));
        }
    }

    @Test
    void aFreshnessBreachShowsInStatusMetricsAndWebhookAndSoDoesTheRecovery() {
        String url = TestPostgres.newDatabase();
        String name = "fresh.items";
        Items items = Items.create(dir.resolve("fresh"));
        items.append(20);
        Receiver receiver = new Receiver();
        try (InProcessServer server = InProcessServer.start(url, Optional.of(receiver.url("/hooks/lakesync")))) {
            SyncedTables tables = server.tables();
            Http http = server.http();
            tables.create(name, items.path(), "TRIGGERED", Map.of());
            tables.awaitSynced(name, 1, "ONLINE_NO_PENDING_UPDATE");
            assertEquals(200, http.patch(SyncedTables.path(name), "{\"paused\": true}").status());
            items.append(10);
            tables.await(name, "a version behind", t -> SyncedTables.status(t).path("lag").path("versions_behind").asLong() == 1);

            Http.Answer sla = http.patch(SyncedTables.path(name), "{\"spec\": {\"freshness_sla_seconds\": 1}}");
            assertEquals(200, sla.status(), sla::toString);
            JsonNode breached = tables.await(name, "over its SLA",
                    t -> SyncedTables.status(t).path("freshness").path("breached").asBoolean());
            JsonNode freshness = SyncedTables.status(breached).path("freshness");
            assertEquals(1, freshness.path("sla_seconds").asLong(), breached::toString);
            assertTrue(freshness.hasNonNull("breached_since"), breached::toString);
            assertTrue(SyncedTables.status(breached).path("lag").path("seconds_behind").asDouble() > 1.0, breached::toString);
            assertEquals(1.0, slaGauge(http, name), "lakesync_freshness_sla_breached of " + name);
            JsonNode breachPost = receiver.await("freshness_sla_breached");
            assertEquals(name, breachPost.path("table").asText(), breachPost::toString);
            assertEquals(1, breachPost.path("sla_seconds").asLong(), breachPost::toString);
            assertTrue(breachPost.path("seconds_behind").asDouble() > 1.0, breachPost::toString);

            assertEquals(200, http.patch(SyncedTables.path(name), "{\"paused\": false}").status());
            assertEquals(202, http.post(SyncedTables.path(name) + "/sync", null).status());
            tables.awaitSynced(name, 2, "ONLINE_NO_PENDING_UPDATE");
            JsonNode fresh = tables.await(name, "back within its SLA",
                    t -> !SyncedTables.status(t).path("freshness").path("breached").asBoolean(true));
            assertFalse(SyncedTables.status(fresh).path("freshness").hasNonNull("breached_since"), fresh::toString);
            Wait.until("the gauge to drop", () -> slaGauge(http, name) == 0.0, () -> http.get("/metrics").body());
            JsonNode recoveryPost = receiver.await("freshness_sla_recovered");
            assertEquals(name, recoveryPost.path("table").asText(), recoveryPost::toString);
            assertEquals(List.of("freshness_sla_breached", "freshness_sla_recovered"), receiver.events(),
                    "one notice each way");
        } finally {
            receiver.stop();
        }
    }

    /** The value of lakesync_freshness_sla_breached for {@code table} in /metrics, or -1 when absent. */
    private static double slaGauge(Http http, String table) {
        Http.Answer metrics = http.withoutToken().get("/metrics");
        assertEquals(200, metrics.status(), metrics::toString);
        Matcher m = Pattern.compile("(?m)^lakesync_freshness_sla_breached\\{table=\"" + Pattern.quote(table)
                + "\"}\\s+(\\S+)$").matcher(metrics.body());
        return m.find() ? Double.parseDouble(m.group(1)) : -1;
    }

    /** A webhook receiver: the JDK's HTTP server on the loopback interface, keeping each POSTed JSON body. */
    private static final class Receiver {
        private final HttpServer server;
        private final List<JsonNode> posts = Collections.synchronizedList(new ArrayList<>());

        Receiver() {
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            server.createContext("/", exchange -> {
                try (InputStream in = exchange.getRequestBody()) {
                    String body = new String(in.readAllBytes(), StandardCharsets.UTF_8);
                    if ("POST".equals(exchange.getRequestMethod())) {
                        posts.add(Json.mapper().readTree(body));
                    }
                    exchange.sendResponseHeaders(200, -1);
                } finally {
                    exchange.close();
                }
            });
            server.start();
        }

        String url(String path) {
            return "http://127.0.0.1:" + server.getAddress().getPort() + path;
        }

        JsonNode await(String event) {
            Wait.until("a " + event + " POST", () -> find(event).isPresent(), () -> "received " + posts);
            return find(event).orElseThrow();
        }

        List<String> events() {
            synchronized (posts) {
                return posts.stream().map(p -> p.path("event").asText()).toList();
            }
        }

        private Optional<JsonNode> find(String event) {
            synchronized (posts) {
                return posts.stream().filter(p -> event.equals(p.path("event").asText())).findFirst();
            }
        }

        void stop() {
            server.stop(0);
        }
    }
}
