package io.lakesync.examples.portal.data;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The JSON API's answer for one incident, {@code {"incident": {...}, "state": {...}, "comments":
 * [...]}}, from one indexed query: the incident by primary key, the team's state by primary key
 * and the thread, which PostgreSQL aggregates to JSON. The API's conventions: snake_case, absent
 * values left out, timestamps in ISO-8601 UTC, an untouched incident open and unassigned, risk
 * factors without nulls, the thread oldest first.
 * <p>
 * This is the portal's hottest path, so it is built for CPU per request, as measured by
 * {@code bench/run portal}: PostgreSQL formats the timestamps (to_char) and the JSON arrays, and
 * the answer is streamed from the row's strings with Jackson's generator; no objects are decoded
 * only to be encoded again. (Building the whole answer in PostgreSQL, json_build_object and
 * json_strip_nulls, was measured too: PostgreSQL spent 30-80 µs more per lookup, about what it
 * saved the portal.)
 */
public final class IncidentLookup {

    private static final JsonFactory JSON = new JsonFactory();
    /** Incident columns written as JSON strings, in answer order, before the risk. */
    private static final String[] TEXT_BEFORE_RISK = {"incident_id", "title", "description", "customer", "product",
        "category", "priority", "channel", "created_at", "sla_due_at"};

    private final DataSource pool;
    private final String sql;

    /** @param table the synced table, quoted ({@link SqlNames#qualifiedTable}) */
    public IncidentLookup(DataSource pool, String table) {
        this.pool = pool;
        this.sql = sql(table);
    }

    /**
     * The lookup's SQL for a synced table {@code table} (quoted); one parameter, the incident id.
     * Public so that the serving benchmark's raw limit runs the very same query.
     */
    public static String sql(String table) {
        return "SELECT i.incident_id, i.title, i.description, i.customer, i.product, i.category, i.priority,"
                + " i.channel, " + utc("i.created_at") + ", " + utc("i.sla_due_at") + ","
                + " i.predicted_escalation_risk, i.risk_band, i.recommended_action,"
                + " to_json(i.top_risk_factors)::text, i.model_version, " + utc("i.scored_at") + ","
                + " coalesce(s.status, 'open'), s.owner, " + utc("s.updated_at") + ", s.updated_by,"
                + " (SELECT json_agg(json_build_object('id', c.id, 'author', c.author, 'body', c.body,"
                + " 'created_at', " + utc("c.created_at") + ") ORDER BY c.created_at, c.id)::text FROM "
                + Incidents.COMMENTS + " c WHERE c.incident_id = i.incident_id)"
                + " FROM " + table + " i LEFT JOIN " + Incidents.STATE + " s ON s.incident_id = i.incident_id"
                + " WHERE i.incident_id = ?";
    }

    /** A timestamptz as ISO-8601 in UTC with microseconds, like {@code 2026-11-26T09:15:02.123456Z}. */
    private static String utc(String column) {
        return "to_char(" + column + " AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')";
    }

    /** The answer as UTF-8 JSON, or empty when there is no such incident. */
    public Optional<byte[]> find(String id) throws SQLException {
        try (Connection c = pool.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(answer(rs)) : Optional.empty();
            }
        }
    }

    private static byte[] answer(ResultSet rs) throws SQLException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(2048);
        try (JsonGenerator json = JSON.createGenerator(bytes)) {
            json.writeStartObject();
            json.writeObjectFieldStart("incident");
            int column = 1;
            for (String field : TEXT_BEFORE_RISK) {
                text(json, field, rs.getString(column++));
            }
            double risk = rs.getDouble(column++);
            if (!rs.wasNull()) {
                json.writeNumberField("predicted_escalation_risk", risk);
            }
            text(json, "risk_band", rs.getString(column++));
            text(json, "recommended_action", rs.getString(column++));
            factors(json, rs.getString(column++));
            text(json, "model_version", rs.getString(column++));
            text(json, "scored_at", rs.getString(column++));
            json.writeEndObject();

            json.writeObjectFieldStart("state");
            text(json, "status", rs.getString(column++));
            text(json, "owner", rs.getString(column++));
            text(json, "updated_at", rs.getString(column++));
            text(json, "updated_by", rs.getString(column++));
            json.writeEndObject();

            raw(json, "comments", rs.getString(column));
            json.writeEndObject();
        } catch (IOException e) {
            throw new UncheckedIOException("writing JSON to memory failed", e);
        }
        return bytes.toByteArray();
    }

    private static void text(JsonGenerator json, String field, String value) throws IOException {
        if (value != null) {
            json.writeStringField(field, value);
        }
    }

    /**
     * The risk factors: a JSON array as PostgreSQL renders the column (jsonb, as lakesync syncs a
     * Delta array, or text[]), without null elements, as the incident page shows them. Only an
     * array that may hold a null is parsed.
     */
    private static void factors(JsonGenerator json, String array) throws IOException, SQLException {
        if (array == null || !array.contains("null")) {
            raw(json, "top_risk_factors", array);
            return;
        }
        json.writeArrayFieldStart("top_risk_factors");
        for (String factor : Incidents.strings(array)) {
            json.writeString(factor);
        }
        json.writeEndArray();
    }

    /** A JSON array PostgreSQL built (to_json, json_agg), or an empty one for none. */
    private static void raw(JsonGenerator json, String field, String array) throws IOException {
        json.writeFieldName(field);
        json.writeRawValue(array == null ? "[]" : array);
    }
}
