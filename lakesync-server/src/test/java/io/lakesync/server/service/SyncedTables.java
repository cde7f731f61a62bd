package io.lakesync.server.service;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/** The synced tables API through raw HTTP: create, read and wait for a table's status. */
public final class SyncedTables {

    public static final String BASE = "/api/2.0/database/synced_tables";

    private final Http http;

    public SyncedTables(Http http) {
        this.http = http;
    }

    public Http http() {
        return http;
    }

    public static String path(String name) {
        return BASE + "/" + name;
    }

    /** The JSON body of a synced table keyed by {@code id}; {@code extraSpec} adds or overrides spec fields. */
    public static String body(String name, String source, String policy, Map<String, Object> extraSpec) {
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("source_table", source);
        spec.put("primary_key_columns", List.of("id"));
        spec.put("scheduling_policy", policy);
        spec.putAll(extraSpec);
        Map<String, Object> table = new LinkedHashMap<>();
        table.put("name", name);
        table.put("spec", spec);
        return Http.json(table);
    }

    /** Creates the table and checks the answer is 200 with the table. */
    public JsonNode create(String name, String source, String policy, Map<String, Object> extraSpec) {
        Http.Answer answer = http.post(BASE, body(name, source, policy, extraSpec));
        if (answer.status() != 200) {
            throw new AssertionError("create " + name + ": " + answer);
        }
        return answer.json();
    }

    public JsonNode get(String name) {
        Http.Answer answer = http.get(path(name));
        if (answer.status() != 200) {
            throw new AssertionError("get " + name + ": " + answer);
        }
        return answer.json();
    }

    public static JsonNode status(JsonNode table) {
        return table.path("data_synchronization_status");
    }

    public static String state(JsonNode table) {
        return status(table).path("detailed_state").asText();
    }

    /** The Delta version of the last sync, -1 when none. */
    public static long syncedVersion(JsonNode table) {
        return status(table).path("last_sync").path("delta_commit_version").asLong(-1);
    }

    /** Waits until GET of the table satisfies {@code condition}; returns that answer. */
    public JsonNode await(String name, String what, Predicate<JsonNode> condition) {
        AtomicReference<JsonNode> last = new AtomicReference<>();
        Wait.until(name + " to be " + what, () -> {
            last.set(get(name));
            return condition.test(last.get());
        }, () -> String.valueOf(last.get()));
        return last.get();
    }

    public JsonNode awaitState(String name, String state) {
        return await(name, state, t -> state.equals(state(t)));
    }

    /** Waits until the table serves {@code version} and no run is going. */
    public JsonNode awaitSynced(String name, long version, String state) {
        return await(name, state + " at version " + version,
                t -> syncedVersion(t) == version && state.equals(state(t)));
    }
}
