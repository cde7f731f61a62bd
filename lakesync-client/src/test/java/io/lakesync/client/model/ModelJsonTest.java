package io.lakesync.client.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.lakesync.client.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * Every model record read from JSON in the contract's shape and written back gives the same JSON:
 * the names, the nesting, the omitted nulls and the timestamp format are exactly the contract's.
 */
class ModelJsonTest {

    static final String FULL_TABLE = """
            {
              "name": "gold.churn_predictions",
              "spec": {
                "source_table": "/abs/path/to/delta",
                "primary_key_columns": ["customer_id"],
                "timeseries_key": "scored_at",
                "scheduling_policy": "TRIGGERED",
                "schedule": {"interval_seconds": 300},
                "columns": ["customer_id", "score", "scored_at"],
                "extra_index_definitions": ["risk_band", "customer, created_at"],
                "freshness_sla_seconds": 60
              },
              "paused": false,
              "created_at": "2026-11-26T12:00:00Z",
              "updated_at": "2026-11-26T12:05:00.250Z",
              "data_synchronization_status": {
                "detailed_state": "ONLINE_TRIGGERED_UPDATE",
                "message": "Loading version 12",
                "last_sync": {"delta_commit_version": 12, "delta_commit_timestamp": "2026-11-26T11:59:00Z",
                              "sync_start_timestamp": "2026-11-26T12:00:01Z", "sync_end_timestamp": "2026-11-26T12:00:03Z"},
                "progress": {"synced_row_count": 1000, "total_row_count": 2000, "completion": 0.5,
                             "estimated_completion_seconds": 3},
                "lag": {"versions_behind": 0, "seconds_behind": 0.0},
                "row_count": 2000,
                "freshness": {"sla_seconds": 60, "breached": true, "breached_since": "2026-11-26T12:01:00Z"},
                "schedule_status": {"next_run_at": "2026-11-26T12:10:00Z", "missed_slots": 0},
                "last_error": {"error_code": "TARGET_UNAVAILABLE", "message": "Connection refused",
                               "at": "2026-11-26T12:02:00Z", "next_retry_at": "2026-11-26T12:02:30Z"}
              }
            }""";

    @Test
    void syncedTableWithEveryStatusField() {
        SyncedTable table = roundTrip(FULL_TABLE, SyncedTable.class);
        assertEquals("gold.churn_predictions", table.name());
        assertEquals(SchedulingPolicy.TRIGGERED, table.spec().schedulingPolicy());
        assertEquals(Schedule.every(Duration.ofMinutes(5)), table.spec().schedule());
        assertEquals(Instant.parse("2026-11-26T12:05:00.250Z"), table.updatedAt());
        SyncStatus status = table.dataSynchronizationStatus();
        assertEquals(12L, status.lastSync().deltaCommitVersion());
        assertEquals(0.5, status.progress().completion());
        assertEquals(0.0, status.lag().secondsBehind());
        assertEquals(2000L, status.rowCount());
        assertTrue(status.freshness().breached());
        assertEquals(Instant.parse("2026-11-26T12:02:30Z"), status.lastError().nextRetryAt());
        assertEquals(0L, status.scheduleStatus().missedSlots());
    }

    @Test
    void aTableToCreateCarriesOnlyNameAndSpec() throws JsonProcessingException {
        SyncedTable table = SyncedTable.of("gold.orders", TableSpec.builder("/data/orders", "order_id")
                .schedulingPolicy(SchedulingPolicy.SNAPSHOT).build());
        assertJson("""
                {"name": "gold.orders",
                 "spec": {"source_table": "/data/orders", "primary_key_columns": ["order_id"],
                          "scheduling_policy": "SNAPSHOT"}}""", Json.write(table));
        assertJson("""
                {"name": "gold.orders", "paused": true,
                 "spec": {"source_table": "/data/orders", "primary_key_columns": ["order_id"],
                          "scheduling_policy": "SNAPSHOT"}}""", Json.write(table.withPaused(true)));
    }

    @Test
    void schedulesOfEachKind() throws JsonProcessingException {
        assertJson("{\"interval_seconds\": 300}", Json.write(Schedule.every(Duration.ofSeconds(300))));
        assertJson("{\"cron\": \"*/5 * * * *\"}", Json.write(Schedule.cron(" */5 * * * * ")));
        assertJson("{\"on_source_change\": true}", Json.write(Schedule.onSourceChange()));
        assertEquals(Schedule.onSourceChange(), roundTrip("{\"on_source_change\": true}", Schedule.class));
        assertEquals(Schedule.cron("0 * * * *"), roundTrip("{\"cron\": \"0 * * * *\"}", Schedule.class));
        assertEquals(1, Schedule.onSourceChange().kindsSet());
        assertEquals(2, new Schedule(5L, "0 * * * *", null).kindsSet());
        assertThrows(IllegalArgumentException.class, () -> Schedule.every(Duration.ofMillis(500)));
        assertThrows(IllegalArgumentException.class, () -> Schedule.cron(" "));
    }

    @Test
    void runPage() {
        RunPage page = roundTrip("""
                {"runs": [
                  {"run_id": 7, "mode": "TRIGGERED", "started_at": "2026-11-26T12:00:00Z",
                   "ended_at": "2026-11-26T12:00:02Z", "outcome": "SUCCEEDED", "from_version": 11, "to_version": 12,
                   "rows_written": 30, "rows_skipped": 1, "rows_inserted": 10, "rows_updated": 15, "rows_deleted": 5,
                   "snapshot_fallbacks": 0},
                  {"run_id": 6, "mode": "TRIGGERED", "started_at": "2026-11-26T11:00:00Z", "outcome": "FAILED",
                   "rows_written": 0, "rows_skipped": 0, "rows_inserted": 0, "rows_updated": 0, "rows_deleted": 0,
                   "snapshot_fallbacks": 1, "error_code": "TARGET_UNAVAILABLE", "error_message": "refused"}
                ],
                "next_page_token": "b3BhcXVl"}""", RunPage.class);
        assertEquals(2, page.runs().size());
        assertEquals(15, page.runs().get(0).rowsUpdated());
        assertNull(page.runs().get(1).endedAt());
        assertEquals("b3BhcXVl", page.nextPageToken());
        assertEquals(List.of(), roundTrip("{\"runs\": []}", RunPage.class).runs());
    }

    @Test
    void preview() {
        Preview preview = roundTrip("""
                {"snapshot": false, "from_version": 3, "to_version": 5, "rows_to_insert": 2, "rows_to_update": 1,
                 "rows_to_delete": 1, "sample_keys": {"insert": ["4", "5"], "update": ["(1, a)"], "delete": ["2"]}}""",
                Preview.class);
        assertEquals(List.of("(1, a)"), preview.sampleKeys().update());
        assertFalse(preview.snapshot());
    }

    @Test
    void history() {
        History history = roundTrip("""
                {"points": [{"at": "2026-11-26T12:00:00Z", "versions_behind": 2, "seconds_behind": 1.5,
                             "rows_applied": 100},
                            {"at": "2026-11-26T12:00:05Z", "versions_behind": 0, "seconds_behind": 0.0,
                             "rows_applied": 0}]}""", History.class);
        assertEquals(1.5, history.points().get(0).secondsBehind());
    }

    @Test
    void auditPageWithObjectAndStringRequests() {
        AuditPage page = roundTrip("""
                {"entries": [
                  {"id": 2, "at": "2026-11-26T12:00:00Z", "actor": "default", "action": "update",
                   "target": "gold.orders", "request": {"paused": true}, "remote_address": "127.0.0.1"},
                  {"id": 1, "at": "2026-11-26T11:00:00Z", "actor": "default", "action": "sync",
                   "target": "gold.orders", "request": "POST /sync", "remote_address": "10.0.0.2"}
                ],
                "next_page_token": "MQ"}""", AuditPage.class);
        assertTrue(page.entries().get(0).request().isObject());
        assertTrue(page.entries().get(1).request().isTextual());
    }

    @Test
    void syncedTablePage() {
        SyncedTablePage page = roundTrip("{\"synced_tables\": [" + FULL_TABLE + "], \"next_page_token\": \"x\"}",
                SyncedTablePage.class);
        assertEquals("gold.churn_predictions", page.syncedTables().get(0).name());
        assertEquals(List.of(), roundTrip("{\"synced_tables\": []}", SyncedTablePage.class).syncedTables());
    }

    @Test
    void smallAnswers() {
        assertFalse(roundTrip("""
                {"name": "gold.orders", "accepted": false, "message": "A run of gold.orders is already going."}""",
                SyncRequestAnswer.class).accepted());
        assertEquals("RESOURCE_DOES_NOT_EXIST", roundTrip("""
                {"error_code": "RESOURCE_DOES_NOT_EXIST", "message": "No synced table named gold.x."}""",
                ApiError.class).errorCode());
        assertTrue(roundTrip("{\"status\": \"UP\", \"database\": \"UP\", \"tables\": 3}", Health.class).up());
        assertFalse(roundTrip("{\"status\": \"DOWN\", \"database\": \"DOWN\"}", Health.class).up());
        roundTrip("""
                {"last_sync": {"delta_commit_version": 1}, "freshness": {"sla_seconds": 5, "breached": false}}""",
                SyncStatus.class);
    }

    @Test
    void updatesTellRemovalFromNoChange() throws JsonProcessingException {
        assertJson("{\"paused\": true}", Json.write(TableUpdate.pause()));
        assertJson("{\"paused\": false}", Json.write(TableUpdate.resume()));
        TableUpdate update = TableUpdate.builder().schedulingPolicy(SchedulingPolicy.TRIGGERED)
                .schedule(null).freshnessSlaSeconds(120L).extraIndexDefinitions(List.of()).build();
        String json = Json.write(update);
        assertJson("""
                {"spec": {"scheduling_policy": "TRIGGERED", "schedule": null, "freshness_sla_seconds": 120,
                          "extra_index_definitions": []}}""", json);

        TableUpdate.SpecChanges read = Json.mapper().readValue(json, TableUpdate.class).spec();
        assertEquals(Optional.empty(), read.schedule(), "explicit null = remove");
        assertEquals(Optional.of(120L), read.freshnessSlaSeconds());
        TableUpdate.SpecChanges absent = Json.mapper().readValue("{\"spec\": {}}", TableUpdate.class).spec();
        assertNull(absent.schedule(), "absent = no change");
        assertNull(absent.freshnessSlaSeconds(), "absent = no change");
        assertNull(absent.extraIndexDefinitions());
        assertEquals(Optional.of(Schedule.onSourceChange()), Json.mapper()
                .readValue("{\"spec\": {\"schedule\": {\"on_source_change\": true}}}", TableUpdate.class).spec().schedule());
        assertJson("{}", Json.write(TableUpdate.builder().build()));
        ValueInstantiationException unknown = assertThrows(ValueInstantiationException.class,
                () -> Json.mapper().readValue("{\"spec\": {\"freshness_sla_secs\": 5}}", TableUpdate.class));
        assertTrue(unknown.getMessage().contains("Unknown field spec.freshness_sla_secs"), unknown.getMessage());
    }

    @Test
    void unknownFieldsAreIgnoredByTheClientAndRefusedByTheStrictMapper() throws JsonProcessingException {
        String newer = "{\"name\": \"gold.a\", \"future_field\": {\"x\": 1}, \"spec\": {\"source_table\": \"/t\","
                + " \"primary_key_columns\": [\"id\"], \"future_option\": true}}";
        assertEquals("/t", Json.mapper().readValue(newer, SyncedTable.class).spec().sourceTable());
        UnrecognizedPropertyException e = assertThrows(UnrecognizedPropertyException.class,
                () -> Json.strictMapper().readValue(newer, SyncedTable.class));
        assertTrue(e.getPropertyName().startsWith("future_"), e.getPropertyName());
    }

    @Test
    void specBuilderKeepsEveryField() {
        TableSpec spec = TableSpec.builder("/t", "a", "b").timeseriesKey("ts").schedulingPolicy(SchedulingPolicy.TRIGGERED)
                .schedule(Schedule.cron("0 * * * *")).columns(List.of("a", "b", "c")).extraIndexDefinitions(List.of("c"))
                .freshnessSlaSeconds(30L).build();
        assertEquals(spec, spec.toBuilder().build());
        assertEquals(List.of("a", "b"), spec.primaryKeyColumns());
    }

    /** Reads {@code json} as {@code type}, writes it back and checks the result is the same JSON. */
    static <T> T roundTrip(String json, Class<T> type) {
        try {
            T value = Json.mapper().readValue(json, type);
            assertJson(json, Json.write(value));
            return value;
        } catch (JsonProcessingException e) {
            throw new AssertionError("Cannot read " + type.getSimpleName() + " from " + json, e);
        }
    }

    static void assertJson(String expected, String actual) {
        try {
            JsonNode want = Json.mapper().readTree(expected);
            JsonNode got = Json.mapper().readTree(actual);
            assertEquals(want, got, () -> "expected " + want.toPrettyString() + "\nbut got " + got.toPrettyString());
        } catch (JsonProcessingException e) {
            throw new AssertionError(e);
        }
    }
}
