package io.lakesync.server.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.lakesync.server.LakesyncServer;
import io.lakesync.server.service.Http;
import io.lakesync.server.service.ServiceSettings;
import io.lakesync.testkit.TestPostgres;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document matches the API both ways: every route the server declares is documented
 * (path and method), and every documented path and method is answered by the server rather than
 * by its "No such route" fallback.
 */
class OpenApiIT {

    private static final Set<String> HTTP_METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");

    @Test
    void theDocumentAndTheRoutesMatch() {
        String token = "openapi-it-" + UUID.randomUUID();
        try (LakesyncServer server = LakesyncServer.start(new LakesyncServer.Options(TestPostgres.newDatabase(),
                "127.0.0.1", 0, Optional.of(token), 4, ServiceSettings.defaults(), Optional.empty()))) {
            Http http = Http.to("http://127.0.0.1:" + server.port(), token);
            Http.Answer answer = http.withoutToken().get("/api/openapi.json");
            assertEquals(200, answer.status(), answer::toString);
            JsonNode document = answer.json();
            assertTrue(document.path("openapi").asText().startsWith("3."), "an OpenAPI 3 document");
            JsonNode paths = document.path("paths");

            Set<String> documented = new TreeSet<>();
            for (Iterator<String> it = paths.fieldNames(); it.hasNext(); ) {
                String path = it.next();
                for (Iterator<String> ops = paths.path(path).fieldNames(); ops.hasNext(); ) {
                    String op = ops.next();
                    if (HTTP_METHODS.contains(op)) {
                        documented.add(op.toUpperCase(Locale.ROOT) + " " + path);
                    }
                }
            }
            List<String> undocumented = ApiServer.ROUTES.stream().filter(r -> !documented.contains(r)).toList();
            assertEquals(List.of(), undocumented, "routes missing from /api/openapi.json (documented: " + documented + ")");

            List<String> unanswered = new ArrayList<>();
            for (String operation : documented) {
                String method = operation.substring(0, operation.indexOf(' '));
                String path = operation.substring(operation.indexOf(' ') + 1).replace("{name}", "openapi.no_such_table");
                Http.Answer reply = http.call(method, path, method.equals("GET") || method.equals("DELETE") ? null : "{}");
                boolean fallback = reply.status() == 404 && reply.body().contains("No such route");
                boolean failed = reply.status() >= 500;
                if (fallback || failed) {
                    unanswered.add(operation + " -> " + reply.status() + " " + reply.body());
                }
                assertFalse(reply.status() == 405, () -> operation + " is not allowed: " + reply);
            }
            assertEquals(List.of(), unanswered, "documented operations the server does not answer");

            // every documented /api/2.0 operation needs the token
            for (String operation : documented) {
                if (operation.contains("/api/2.0/")) {
                    String method = operation.substring(0, operation.indexOf(' '));
                    String path = operation.substring(operation.indexOf(' ') + 1).replace("{name}", "openapi.t");
                    Http.Answer reply = http.withoutToken().call(method, path, null);
                    assertEquals(401, reply.status(), () -> operation + " without a token: " + reply);
                }
            }
        }
    }
}
