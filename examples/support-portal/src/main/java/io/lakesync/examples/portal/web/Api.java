package io.lakesync.examples.portal.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.javalin.http.Context;
import io.lakesync.client.Json;
import io.lakesync.examples.portal.data.IncidentFilter;
import io.lakesync.examples.portal.data.IncidentLookup;
import io.lakesync.examples.portal.data.IncidentPage;
import io.lakesync.examples.portal.data.IncidentSummary;
import io.lakesync.examples.portal.data.Incidents;
import io.lakesync.examples.portal.data.NotFound;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * The JSON API: the dashboard's list ({@code GET /api/incidents}, same filters as the page) and one
 * incident with its state and thread ({@code GET /api/incidents/{id}}: one indexed query streamed
 * to JSON, no per-request logging, serving thousands of lookups a second). Same JSON conventions as
 * lakesync's API: snake_case, ISO-8601 UTC timestamps, absent values left out.
 */
final class Api {

    /** {@code GET /api/incidents}; {@code total} only with {@code include_total=true} (it costs a count). */
    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ListAnswer(List<IncidentSummary> items, int page, int pageSize, boolean hasMore, Long total) {
    }

    @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
    record ErrorAnswer(String errorCode, String message) {
    }

    private final ObjectMapper json = Json.newMapper();
    private final Incidents incidents;
    private final IncidentLookup lookup;
    private final StatsCache stats;

    Api(Incidents incidents, IncidentLookup lookup, StatsCache stats) {
        this.incidents = incidents;
        this.lookup = lookup;
        this.stats = stats;
    }

    /**
     * {@code GET /api/incidents/{id}}: the answer {@link IncidentLookup} writes.
     * {@link IncidentLookupHandler} answers the found ones before Javalin sees them; this route
     * answers the rest (unknown ids, database errors) the way every other route does.
     */
    void incident(Context ctx) throws SQLException {
        String id = ctx.pathParam("id");
        byte[] answer = lookup.find(id).orElseThrow(() -> NotFound.incident(id));
        ctx.status(200).contentType("application/json").result(answer);
    }

    void list(Context ctx) throws SQLException, JsonProcessingException {
        IncidentFilter filter = IncidentFilter.parse(ctx::queryParam);
        IncidentPage page = incidents.list(filter, "true".equals(ctx.queryParam("include_total")));
        write(ctx, 200, new ListAnswer(page.items(), page.page(), page.pageSize(), page.hasMore(),
                page.total().isPresent() ? page.total().getAsLong() : null));
    }

    void stats(Context ctx) throws SQLException, JsonProcessingException {
        write(ctx, 200, stats.get());
    }

    void health(Context ctx) throws JsonProcessingException {
        write(ctx, 200, Map.of("status", "UP"));
    }

    void error(Context ctx, int status, String code, String message) {
        try {
            write(ctx, status, new ErrorAnswer(code, message));
        } catch (JsonProcessingException e) {
            ctx.status(status).result(message);
        }
    }

    private void write(Context ctx, int status, Object body) throws JsonProcessingException {
        ctx.status(status).contentType("application/json").result(json.writeValueAsBytes(body));
    }
}
