package io.lakesync.examples.portal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The JSON API and the plain-HTML forms over HTTP, against a real PostgreSQL where the portal logs
 * in as its read-only app role. Each answer is checked against SQL run as the superuser.
 */
class PortalApiIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private static SupportDatabase db;
    private static PortalServer portal;

    @BeforeAll
    static void start() throws Exception {
        db = SupportDatabase.create(90);
        portal = PortalServer.start(PortalSettings.of(db.appUrl).withPort(0));
    }

    @AfterAll
    static void stop() {
        if (portal != null) {
            portal.close();
        }
    }

    @Test
    void listsIncidentsNewestFirstInPages() throws Exception {
        JsonNode first = get("/api/incidents");
        assertEquals(25, first.get("items").size());
        assertEquals(1, first.get("page").asInt());
        assertEquals(25, first.get("page_size").asInt());
        assertTrue(first.get("has_more").asBoolean());
        assertFalse(first.has("total"), "total only when asked for");
        assertEquals(db.scalar("SELECT incident_id FROM support.incidents ORDER BY created_at DESC LIMIT 1"),
                first.get("items").get(0).get("incident_id").asText());
        JsonNode row = first.get("items").get(0);
        for (String field : List.of("title", "customer", "product", "category", "priority", "channel", "created_at",
                "sla_due_at", "predicted_escalation_risk", "risk_band", "status")) {
            assertTrue(row.has(field), "list item has " + field + ": " + row);
        }
        assertEquals("open", row.get("status").asText());

        // walking every page visits every incident once, in order
        List<String> ids = new ArrayList<>();
        Instant previous = Instant.MAX;
        for (int page = 1; ; page++) {
            JsonNode answer = get("/api/incidents?page_size=40&page=" + page);
            for (JsonNode item : answer.get("items")) {
                ids.add(item.get("incident_id").asText());
                Instant created = Instant.parse(item.get("created_at").asText());
                assertFalse(created.isAfter(previous), "newest first");
                previous = created;
            }
            if (!answer.get("has_more").asBoolean()) {
                break;
            }
        }
        assertEquals(Integer.parseInt(db.scalar("SELECT count(*) FROM support.incidents")), ids.size());
        assertEquals(ids.size(), new HashSet<>(ids).size());

        assertEquals(db.scalar("SELECT count(*) FROM support.incidents"),
                get("/api/incidents?include_total=true").get("total").asText());
    }

    @Test
    void filtersLikeTheDashboard() throws Exception {
        JsonNode high = get("/api/incidents?risk_band=high&page_size=200&include_total=true");
        assertEquals(db.scalar("SELECT count(*) FROM support.incidents WHERE risk_band = 'high'"),
                high.get("total").asText());
        high.get("items").forEach(i -> assertEquals("high", i.get("risk_band").asText()));

        JsonNode p1 = get("/api/incidents?priority=P1&category=Outage&page_size=200&include_total=true");
        assertEquals(db.scalar("SELECT count(*) FROM support.incidents WHERE priority = 'P1' AND category = 'Outage'"),
                p1.get("total").asText());

        JsonNode search = get("/api/incidents?q=" + URLEncoder.encode("CHECKOUT", StandardCharsets.UTF_8)
                + "&page_size=200&include_total=true");
        assertEquals(db.scalar("SELECT count(*) FROM support.incidents WHERE title ILIKE '%checkout%'"
                + " OR description ILIKE '%checkout%' OR customer ILIKE '%checkout%'"), search.get("total").asText());
        search.get("items").forEach(i -> assertTrue(i.get("title").asText().toLowerCase(Locale.ROOT)
                .contains("checkout") || i.get("customer").asText().toLowerCase(Locale.ROOT).contains("checkout")
                || descriptionOf(i.get("incident_id").asText()).toLowerCase(Locale.ROOT).contains("checkout")));
        // LIKE wildcards in the search are plain characters
        assertEquals(0, get("/api/incidents?q=%25_%25").get("items").size());

        JsonNode byRisk = get("/api/incidents?sort=risk&page_size=200");
        double last = Double.MAX_VALUE;
        for (JsonNode i : byRisk.get("items")) {
            double risk = i.get("predicted_escalation_risk").asDouble();
            assertTrue(risk <= last, "riskiest first");
            last = risk;
        }
    }

    @Test
    void refusesFiltersItDoesNotKnow() throws Exception {
        HttpResponse<String> bad = send(HttpRequest.newBuilder(uri("/api/incidents?risk_band=extreme")).GET());
        assertEquals(400, bad.statusCode());
        JsonNode error = JSON.readTree(bad.body());
        assertEquals("INVALID_PARAMETER_VALUE", error.get("error_code").asText());
        assertTrue(error.get("message").asText().contains("low, medium, high"), error.toString());
        assertEquals(400, send(HttpRequest.newBuilder(uri("/api/incidents?sort=mood")).GET()).statusCode());
        assertEquals(400, send(HttpRequest.newBuilder(uri("/api/incidents?page=0")).GET()).statusCode());
    }

    @Test
    void oneIncidentComesWithTheTeamsStateAndThread() throws Exception {
        String id = SupportDatabase.id(7);
        JsonNode fresh = get("/api/incidents/" + id);
        assertEquals(id, fresh.get("incident").get("incident_id").asText());
        assertEquals(db.scalar("SELECT title FROM support.incidents WHERE incident_id = '" + id + "'"),
                fresh.get("incident").get("title").asText());
        assertTrue(fresh.get("incident").get("top_risk_factors").isArray());
        assertTrue(fresh.get("incident").get("top_risk_factors").size() >= 1);
        assertEquals("escalation-gbm-2026.11.1", fresh.get("incident").get("model_version").asText());
        assertNotNull(fresh.get("incident").get("scored_at"));
        // timestamps in ISO-8601 UTC and numbers exactly as the synced table holds them
        for (String column : List.of("created_at", "sla_due_at", "scored_at")) {
            long micros = Long.parseLong(db.scalar("SELECT (extract(epoch FROM " + column + ") * 1000000)::bigint"
                    + " FROM support.incidents WHERE incident_id = '" + id + "'"));
            String text = fresh.get("incident").get(column).asText();
            assertTrue(text.endsWith("Z"), text);
            assertEquals(micros, ChronoUnit.MICROS.between(Instant.EPOCH, Instant.parse(text)), column);
        }
        assertEquals(Double.parseDouble(db.scalar("SELECT predicted_escalation_risk FROM support.incidents"
                + " WHERE incident_id = '" + id + "'")), fresh.get("incident").get("predicted_escalation_risk")
                .asDouble());
        assertEquals("application/json", send(HttpRequest.newBuilder(uri("/api/incidents/" + id)).GET()).headers()
                .firstValue("Content-Type").orElseThrow());
        assertEquals("open", fresh.get("state").get("status").asText());
        assertFalse(fresh.get("state").has("owner"));
        assertEquals(0, fresh.get("comments").size());

        // the plain HTML forms (no JavaScript): POST, then a redirect to the incident page
        HttpResponse<String> assigned = postForm("/incidents/" + id + "/owner", "owner=Jonas+Weber");
        assertEquals(303, assigned.statusCode());
        assertEquals("/incidents/" + id, assigned.headers().firstValue("Location").orElseThrow());
        assertEquals(303, postForm("/incidents/" + id + "/status", "status=resolved").statusCode());
        assertEquals(303, postForm("/incidents/" + id + "/comments", "body=Refund+issued%2C+customer+confirmed.")
                .statusCode());
        assertEquals(303, postForm("/incidents/" + id + "/comments", "body=Closing.").statusCode());

        JsonNode worked = get("/api/incidents/" + id);
        assertEquals("resolved", worked.get("state").get("status").asText());
        assertEquals("Jonas Weber", worked.get("state").get("owner").asText());
        assertEquals("Support agent", worked.get("state").get("updated_by").asText());
        assertNotNull(Instant.parse(worked.get("state").get("updated_at").asText()));
        JsonNode comments = worked.get("comments");
        assertEquals(2, comments.size());
        assertEquals("Refund issued, customer confirmed.", comments.get(0).get("body").asText());
        assertEquals("Support agent", comments.get(0).get("author").asText());
        assertEquals("Closing.", comments.get(1).get("body").asText());
        Instant firstAt = Instant.parse(comments.get(0).get("created_at").asText());
        assertFalse(firstAt.isAfter(Instant.parse(comments.get(1).get("created_at").asText())));
        assertTrue(comments.get(0).get("id").isNumber());

        // the list shows the state too, and the filters use it
        JsonNode resolved = get("/api/incidents?status=resolved&owner=" + URLEncoder.encode("Jonas Weber",
                StandardCharsets.UTF_8));
        assertEquals(1, resolved.get("items").size());
        assertEquals(id, resolved.get("items").get(0).get("incident_id").asText());
        get("/api/incidents?status=active&page_size=200").get("items")
                .forEach(i -> assertFalse(i.get("incident_id").asText().equals(id), "resolved is not active"));

        // unassigning: an empty owner
        assertEquals(303, postForm("/incidents/" + id + "/owner", "owner=").statusCode());
        assertFalse(get("/api/incidents/" + id).get("state").has("owner"));
    }

    @Test
    void riskFactorsComeBackExactlyAsTheModelWroteThem() throws Exception {
        // quotes, backslashes, commas and braces: PostgreSQL escapes them in arrays
        int tricky = 0;
        for (int n = 1; n <= 90; n++) {
            String id = SupportDatabase.id(n);
            JsonNode expected = JSON.readTree(db.scalar("SELECT to_json(top_risk_factors) FROM support.incidents"
                    + " WHERE incident_id = '" + id + "'"));
            JsonNode actual = get("/api/incidents/" + id).get("incident").get("top_risk_factors");
            assertEquals(expected, actual, id);
            tricky += expected.toString().contains("\\\"") || expected.toString().contains("\\\\") ? 1 : 0;
        }
        assertTrue(tricky > 0, "some factors hold quotes or backslashes");
    }

    @Test
    void nullRiskFactorsAreLeftOutAndNoFactorsAreAnEmptyList() throws Exception {
        // a model may write a null into the array, or no array at all; the page skips them, so does the API
        String withNulls = SupportDatabase.id(21);
        String without = SupportDatabase.id(22);
        List<String> before = List.of(db.scalar("SELECT top_risk_factors::text FROM support.incidents"
                + " WHERE incident_id = '" + withNulls + "'"), db.scalar("SELECT top_risk_factors::text FROM"
                + " support.incidents WHERE incident_id = '" + without + "'"));
        try {
            superuser("UPDATE support.incidents SET top_risk_factors = '[\"Renewal in 30 days\", null,"
                    + " \"null pointer in the export\"]' WHERE incident_id = '" + withNulls + "'");
            superuser("UPDATE support.incidents SET top_risk_factors = NULL WHERE incident_id = '" + without + "'");
            assertEquals(JSON.readTree("[\"Renewal in 30 days\", \"null pointer in the export\"]"),
                    get("/api/incidents/" + withNulls).get("incident").get("top_risk_factors"));
            assertEquals(JSON.readTree("[]"), get("/api/incidents/" + without).get("incident")
                    .get("top_risk_factors"));
        } finally {
            superuser("UPDATE support.incidents SET top_risk_factors = '" + before.get(0).replace("'", "''")
                    + "' WHERE incident_id = '" + withNulls + "'");
            superuser("UPDATE support.incidents SET top_risk_factors = '" + before.get(1).replace("'", "''")
                    + "' WHERE incident_id = '" + without + "'");
        }
    }

    @Test
    void statsAgreeWithTheTable() throws Exception {
        JsonNode stats = get("/api/stats");
        JsonNode kpis = stats.get("kpis");
        assertEquals(db.scalar("SELECT count(*) FROM support.incidents"), kpis.get("total").asText());
        assertEquals(db.scalar("SELECT count(*) FROM support.incidents i LEFT JOIN portal.incident_state s USING"
                + " (incident_id) WHERE s.status IS DISTINCT FROM 'resolved' AND i.risk_band = 'high'"),
                kpis.get("high_risk").asText());
        assertEquals(db.scalar("SELECT count(*) FROM support.incidents i LEFT JOIN portal.incident_state s USING"
                + " (incident_id) WHERE s.status IS DISTINCT FROM 'resolved' AND i.sla_due_at < now()"),
                kpis.get("sla_breached").asText());
        assertEquals(4, stats.get("by_status").size());
        assertEquals(10, stats.get("risk_histogram").size());
        long binned = 0;
        for (JsonNode n : stats.get("risk_histogram")) {
            binned += n.asLong();
        }
        assertEquals(kpis.get("active").asLong(), binned);
        JsonNode points = stats.get("new_incidents").get("points");
        long timeline = 0;
        for (JsonNode p : points) {
            timeline += p.get("count").asLong();
        }
        // 8 hours of incidents, busier lately: the chart shows the last hour or the last 6 hours
        String window = stats.get("new_incidents").get("window").asText();
        assertTrue(window.equals("last hour, per 2 min") || window.equals("last 6 hours, per 15 min"), window);
        assertTrue(points.size() == 30 || points.size() == 24, "one point per bucket: " + points.size());
        assertEquals(db.scalar("SELECT count(*) FROM support.incidents WHERE created_at >= '"
                + points.get(0).get("at").asText() + "'"), Long.toString(timeline));
        assertTrue(stats.get("by_category").size() >= 3);
    }

    @Test
    void aLookupTheDatabaseRefusesIsAnsweredAsAnApiErrorAndWorksAgainAfterwards() throws Exception {
        String id = SupportDatabase.id(11);
        superuser("REVOKE SELECT ON support.incidents FROM " + db.appRole);
        try {
            HttpResponse<String> refused = send(HttpRequest.newBuilder(uri("/api/incidents/" + id)).GET());
            assertEquals(503, refused.statusCode(), refused.body());
            JsonNode error = JSON.readTree(refused.body());
            assertEquals("TEMPORARILY_UNAVAILABLE", error.get("error_code").asText());
            assertTrue(error.get("message").asText().contains("42501"), refused.body());
        } finally {
            superuser("GRANT SELECT ON support.incidents TO " + db.appRole);
        }
        assertEquals(id, get("/api/incidents/" + id).get("incident").get("incident_id").asText());
    }

    private static void superuser(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(db.superUrl); Statement s = c.createStatement()) {
            s.execute(sql);
        }
    }

    @Test
    void unknownIncidentsAreNotFound() throws Exception {
        HttpResponse<String> api = send(HttpRequest.newBuilder(uri("/api/incidents/INC-999999")).GET());
        assertEquals(404, api.statusCode());
        assertEquals("RESOURCE_DOES_NOT_EXIST", JSON.readTree(api.body()).get("error_code").asText());
        HttpResponse<String> page = send(HttpRequest.newBuilder(uri("/incidents/INC-999999")).GET());
        assertEquals(404, page.statusCode());
        assertTrue(page.body().contains("No incident INC-999999"), page.body());
        assertEquals(404, postForm("/incidents/INC-999999/comments", "body=hello").statusCode());
        assertEquals(0, Integer.parseInt(db.scalar("SELECT count(*) FROM portal.incident_comments"
                + " WHERE incident_id = 'INC-999999'")));
    }

    @Test
    void runsAsAnAppRoleThatCanOnlyReadTheSyncedTable() throws Exception {
        assertEquals(db.appRole, db.scalar("SELECT tableowner FROM pg_tables WHERE schemaname = 'portal'"
                + " AND tablename = 'incident_state'"));
        assertEquals("1", db.scalar("SELECT count(*) FROM portal.flyway_schema_history WHERE success"));
        try (Connection app = DriverManager.getConnection(db.appUrl); Statement s = app.createStatement()) {
            SQLException refused = assertThrows(SQLException.class,
                    () -> s.executeUpdate("UPDATE support.incidents SET risk_band = 'low'"));
            assertEquals("42501", refused.getSQLState());
        }
    }

    @Test
    void thePagesRender() throws Exception {
        HttpResponse<String> dashboard = send(HttpRequest.newBuilder(uri("/?risk_band=high&sort=risk")).GET());
        assertEquals(200, dashboard.statusCode());
        assertTrue(dashboard.body().contains("id=\"incident-list\""));
        // htmx asking for the list gets the list alone
        HttpResponse<String> fragment = send(HttpRequest.newBuilder(uri("/?risk_band=high"))
                .header("HX-Request", "true").header("HX-Target", "incident-list").GET());
        assertTrue(fragment.body().startsWith("<section id=\"incident-list\""), fragment.body());
        assertEquals(400, send(HttpRequest.newBuilder(uri("/?status=sleeping")).GET()).statusCode());
        assertEquals(200, send(HttpRequest.newBuilder(uri("/static/portal.css")).GET()).statusCode());
        assertEquals(200, send(HttpRequest.newBuilder(uri("/webjars/htmx.org/2.0.4/dist/htmx.min.js")).GET())
                .statusCode());
        assertEquals(200, send(HttpRequest.newBuilder(uri("/webjars/chart.js/4.4.1/dist/chart.umd.js")).GET())
                .statusCode());
    }

    private static String descriptionOf(String id) {
        try {
            return db.scalar("SELECT description FROM support.incidents WHERE incident_id = '" + id + "'");
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode get(String path) throws Exception {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri(path)).header("Accept", "application/json")
                .GET());
        assertEquals(200, response.statusCode(), path + " -> " + response.body());
        assertTrue(response.headers().firstValue("Content-Type").orElse("").startsWith("application/json"));
        return JSON.readTree(response.body());
    }

    private static HttpResponse<String> postForm(String path, String form) throws Exception {
        return send(HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static URI uri(String path) {
        return URI.create(portal.url() + path);
    }
}
