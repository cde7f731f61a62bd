package io.lakesync.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.javalin.Javalin;
import io.javalin.json.JavalinJackson;
import io.lakesync.client.AlreadyExistsException;
import io.lakesync.client.AppRolesClient;
import io.lakesync.client.InvalidRequestException;
import io.lakesync.client.Json;
import io.lakesync.client.NotFoundException;
import io.lakesync.client.model.AppRole;
import io.lakesync.client.model.AppRoleRequest;
import io.lakesync.core.model.SyncMode;
import io.lakesync.core.model.SyncedTableDefinition;
import io.lakesync.core.model.SyncedTableSpec;
import io.lakesync.core.model.TableName;
import io.lakesync.postgres.PostgresSink;
import io.lakesync.postgres.catalog.AuditEntry;
import io.lakesync.server.service.Http;
import io.lakesync.testkit.TestPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The app roles routes over real HTTP (Javalin with only these routes, behind a stand-in for the
 * server's token check) on a real PostgreSQL, through the SDK's {@link AppRolesClient}.
 */
class AppRoleRoutesIT {

    private static String url;
    private static PostgresSink sink;
    private static Javalin app;
    private static String base;
    private static AppRolesClient client;

    @BeforeAll
    static void start() {
        url = TestPostgres.newDatabase();
        sink = PostgresSink.connect(url);
        sink.catalog().create(new SyncedTableDefinition(new SyncedTableSpec("/lake/support/incidents",
                TableName.parse("support.incidents"), List.of("incident_id"), Optional.empty(), SyncMode.CONTINUOUS,
                List.of()), Optional.empty(), OptionalLong.empty(), false, Optional.empty(), Optional.empty()));
        app = Javalin.create(config -> {
            config.jsonMapper(new JavalinJackson(Json.newMapper(), false));
            config.startup.showJavalinBanner = false;
            config.routes.before("/api/2.0/*", ctx -> ctx.attribute(ApiAuth.ACTOR, "it-token"));
            AppRoleRoutes.register(config.routes, sink::appRoles);
        }).start("127.0.0.1", 0);
        base = "http://127.0.0.1:" + app.port();
        client = new AppRolesClient(base, "unused");
    }

    @AfterAll
    static void stop() {
        app.stop();
        sink.close();
    }

    private static String unique(String prefix) {
        return prefix + "_" + Long.toString(ThreadLocalRandom.current().nextLong(1L << 40, 1L << 45), 36);
    }

    @Test
    void createListAndDropThroughTheApi() throws SQLException {
        String name = unique("portal");
        AppRole created = client.create(new AppRoleRequest(name, List.of("support.incidents"), null));
        assertEquals(name, created.name());
        assertEquals(name, created.stateSchema());
        assertEquals(List.of("support.incidents"), created.readTables());
        assertEquals(32, created.password().length());
        assertFalse(created.toString().contains(created.password()));

        String jdbc = url.substring(0, url.indexOf('?') < 0 ? url.length() : url.indexOf('?'));
        try (Connection c = DriverManager.getConnection(jdbc + "?user=" + name + "&password=" + created.password());
                Statement s = c.createStatement()) {
            s.execute("CREATE TABLE incident_state (incident_id bigint PRIMARY KEY)");
            try (ResultSet rs = s.executeQuery("SELECT current_schema()")) {
                rs.next();
                assertEquals(name, rs.getString(1));
            }
        }

        AppRole listed = client.list().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
        assertNull(listed.password(), "lists never carry a password");
        assertEquals(List.of("support.incidents"), listed.readTables());
        assertEquals("it-token", listed.createdBy());
        assertTrue(listed.roleExists());
        assertTrue(Http.to(base, null).get(AppRoleRoutes.APP_ROLES).body().contains("\"app_roles\""));

        AlreadyExistsException twice = assertThrows(AlreadyExistsException.class,
                () -> client.create(new AppRoleRequest(name, List.of("support.incidents"), null)));
        assertEquals(409, twice.status());
        assertTrue(twice.getMessage().contains("lakesync roles drop " + name), twice.getMessage());

        client.drop(name, true);
        assertTrue(client.list().stream().noneMatch(r -> r.name().equals(name)));
        NotFoundException gone = assertThrows(NotFoundException.class, () -> client.drop(name, false));
        assertEquals(404, gone.status());

        List<AuditEntry> audit = sink.catalog().auditLog().page(100, OptionalLong.empty()).entries();
        AuditEntry create = audit.stream().filter(e -> e.action().equals("create-app-role") && name.equals(e.target())
                && e.requestJson().contains("SUCCEEDED")).findFirst().orElseThrow();
        assertEquals("it-token", create.actor());
        assertEquals("127.0.0.1", create.remoteAddress());
        assertTrue(audit.stream().anyMatch(e -> e.action().equals("drop-app-role") && name.equals(e.target())));
        assertTrue(audit.stream().noneMatch(e -> e.requestJson() != null
                && e.requestJson().contains(created.password())));
    }

    @Test
    void badRequestsAreAnsweredWithTheApiError() {
        InvalidRequestException badName = assertThrows(InvalidRequestException.class,
                () -> client.create(new AppRoleRequest("Bad-Name", List.of("support.incidents"), null)));
        assertTrue(badName.getMessage().contains("lowercase identifier"), badName.getMessage());
        InvalidRequestException notSynced = assertThrows(InvalidRequestException.class,
                () -> client.create(new AppRoleRequest(unique("x"), List.of("public.nothing"), null)));
        assertTrue(notSynced.getMessage().contains("Not a synced table: public.nothing"), notSynced.getMessage());

        Http http = Http.to(base, null);
        Http.Answer empty = http.call("POST", AppRoleRoutes.APP_ROLES, "{}");
        assertEquals(400, empty.status(), empty::toString);
        assertTrue(empty.body().contains("INVALID_PARAMETER_VALUE"), empty::toString);
        Http.Answer misspelt = http.call("POST", AppRoleRoutes.APP_ROLES, "{\"name\": \"a\", \"read_table\": []}");
        assertEquals(400, misspelt.status(), misspelt::toString);
        assertTrue(misspelt.body().contains("read_table"), misspelt::toString);
        Http.Answer unknown = http.call("DELETE", AppRoleRoutes.APP_ROLES + "/nobody_here", null);
        assertEquals(404, unknown.status(), unknown::toString);
        assertTrue(unknown.body().contains("RESOURCE_DOES_NOT_EXIST"), unknown::toString);
    }
}
