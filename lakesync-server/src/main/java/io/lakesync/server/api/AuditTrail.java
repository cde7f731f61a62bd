package io.lakesync.server.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.javalin.http.Context;
import io.lakesync.client.Json;
import io.lakesync.postgres.catalog.AuditLog;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes every mutating API call to {@code lakesync.audit_log}: who (the token's name), what (the
 * route), which table, the request (body and query) and how it ended (HTTP status, error code).
 * Failed calls are written too: an attempt to delete a table is worth knowing about.
 */
final class AuditTrail {

    private static final Logger LOG = LoggerFactory.getLogger(AuditTrail.class);

    private final AuditLog log;

    AuditTrail(AuditLog log) {
        this.log = log;
    }

    void record(Context ctx, String action, String target, int status, String errorCode) {
        ObjectNode request = Json.mapper().createObjectNode();
        request.set("body", body(ctx));
        ObjectNode query = request.putObject("query");
        for (Map.Entry<String, List<String>> parameter : ctx.queryParamMap().entrySet()) {
            query.put(parameter.getKey(), String.join(",", parameter.getValue()));
        }
        request.put("status", status);
        if (errorCode != null) {
            request.put("error_code", errorCode);
        }
        String actor = ctx.attribute(ApiAuth.ACTOR);
        try {
            log.append(actor == null ? "anonymous" : actor, action, target, Json.write(request), ctx.ip());
        } catch (RuntimeException e) {
            // the call itself happened; losing its audit line must at least be loud
            LOG.error("could not write the audit log entry for {} {} by {}: {}", action, target, actor, e.toString());
        }
    }

    private static JsonNode body(Context ctx) {
        String body = ctx.body();
        if (body == null || body.isBlank()) {
            return Json.mapper().nullNode();
        }
        try {
            return Json.mapper().readTree(body);
        } catch (Exception e) {
            return Json.mapper().getNodeFactory().textNode(body);
        }
    }
}
