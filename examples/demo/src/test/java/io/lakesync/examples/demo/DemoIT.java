package io.lakesync.examples.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakesync.client.Json;
import io.lakesync.testkit.TestPostgres;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo as a user gets it: the portal, running as the read-only app role, serves the incidents
 * the simulator writes to Delta, new ones arrive without anyone doing anything, and the app role
 * cannot change the synced table.
 */
class DemoIT {

    private final HttpClient http = HttpClient.newHttpClient();

    @TempDir
    Path home;

    @Test
    void thePortalServesLiveIncidentsThroughAReadOnlyRole() throws Exception {
        String adminUrl = TestPostgres.newDatabase();
        DemoSettings settings = new DemoSettings(adminUrl, "127.0.0.1", 0, 0, "demo-it-token", home.resolve("demo"));
        try (Demo demo = Demo.start(settings, step -> { })) {
            long first = total(demo);
            assertTrue(first >= 200, "the simulator's backlog is synced before the portal starts: " + first);

            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            long now = first;
            while (now <= first && System.nanoTime() < deadline) {
                Thread.sleep(250);
                now = total(demo);
            }
            assertTrue(now > first, "new incidents reach the portal by themselves (" + first + " -> " + now + ")");

            String someId = get(demo.portalUrl() + "/api/incidents").get("items").get(0).get("incident_id").asText();
            assertEquals(someId, get(demo.portalUrl() + "/api/incidents/" + someId).path("incident")
                    .path("incident_id").asText());

            String roleUrl = Demo.roleUrl(adminUrl, demo.role());
            try (Connection app = DriverManager.getConnection(roleUrl); Statement s = app.createStatement()) {
                try (ResultSet rs = s.executeQuery("SELECT count(*) FROM support.incidents")) {
                    assertTrue(rs.next() && rs.getLong(1) > 0);
                }
                SQLException refused = assertThrows(SQLException.class,
                        () -> s.executeUpdate("DELETE FROM support.incidents"));
                assertEquals("42501", refused.getSQLState());
            }
        }
    }

    private long total(Demo demo) throws Exception {
        return get(demo.portalUrl() + "/api/stats").get("kpis").get("total").asLong();
    }

    private JsonNode get(String url) throws Exception {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), url + " answered " + answer.body());
        return Json.mapper().readTree(answer.body());
    }
}
