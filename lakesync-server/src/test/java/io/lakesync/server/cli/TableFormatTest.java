package io.lakesync.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lakesync.client.Json;
import io.lakesync.client.model.Preview;
import io.lakesync.client.model.RunPage;
import io.lakesync.client.model.SampleKeys;
import io.lakesync.client.model.SyncedTable;
import io.lakesync.client.model.SyncedTablePage;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TableFormatTest {

    static final Instant NOW = Instant.parse("2026-11-26T12:01:00Z");

    static final String CHURN = """
            {"name": "gold.churn_predictions",
             "spec": {"source_table": "/data/churn", "primary_key_columns": ["customer_id"],
                      "timeseries_key": "scored_at", "scheduling_policy": "TRIGGERED",
                      "schedule": {"interval_seconds": 300}, "extra_index_definitions": ["risk_band", "customer_id, scored_at"],
                      "freshness_sla_seconds": 60},
             "paused": false, "created_at": "2026-11-26T11:00:00Z", "updated_at": "2026-11-26T11:30:00Z",
             "data_synchronization_status": {
               "detailed_state": "ONLINE_TRIGGERED_UPDATE", "message": "Loading version 13",
               "last_sync": {"delta_commit_version": 12, "delta_commit_timestamp": "2026-11-26T11:59:00Z",
                             "sync_start_timestamp": "2026-11-26T12:00:01Z", "sync_end_timestamp": "2026-11-26T12:00:25Z"},
               "progress": {"synced_row_count": 1000, "total_row_count": 2000, "completion": 0.5,
                            "estimated_completion_seconds": 3},
               "lag": {"versions_behind": 1, "seconds_behind": 95.4},
               "row_count": 1234567,
               "freshness": {"sla_seconds": 60, "breached": true, "breached_since": "2026-11-26T12:00:00Z"},
               "schedule_status": {"next_run_at": "2026-11-26T12:05:00Z", "missed_slots": 2},
               "last_error": {"error_code": "TARGET_UNAVAILABLE", "message": "Connection refused",
                              "at": "2026-11-26T11:50:00Z", "next_retry_at": "2026-11-26T11:50:30Z"}}}""";

    static final String NEW_TABLE = """
            {"name": "public.orders", "spec": {"source_table": "/data/orders", "primary_key_columns": ["id"],
             "scheduling_policy": "SNAPSHOT"}, "paused": true,
             "data_synchronization_status": {"detailed_state": "PROVISIONING"}}""";

    @Test
    void listIsAnAlignedTable() throws Exception {
        List<SyncedTable> tables = Json.mapper().readValue("{\"synced_tables\": [" + CHURN + ", " + NEW_TABLE + "]}",
                SyncedTablePage.class).syncedTables();
        assertEquals("""
                NAME                    STATE                    VERSION  LAG         ROWS       SLA             LAST SYNC
                gold.churn_predictions  ONLINE_TRIGGERED_UPDATE  12       1m35s / 1v  1,234,567  1m00s BREACHED  35s ago
                public.orders           PROVISIONING (paused)    -        -           -          -               -
                """, TableFormat.list(tables, NOW));
        assertEquals("No synced tables. Create one with `lakesync apply -f tables.yaml`.\n", TableFormat.list(List.of(), NOW));
    }

    @Test
    void detailsAreLabelledLines() throws Exception {
        SyncedTable table = Json.mapper().readValue(CHURN, SyncedTable.class);
        assertEquals("""
                name:            gold.churn_predictions
                state:           ONLINE_TRIGGERED_UPDATE
                message:         Loading version 13
                source:          /data/churn
                primary key:     customer_id
                timeseries key:  scored_at
                policy:          TRIGGERED, every 300s
                extra indexes:   risk_band; customer_id, scored_at
                last sync:       version 12 (committed 2026-11-26T11:59:00Z (2m00s ago)), synced 2026-11-26T12:00:25Z (35s ago) in 24s
                rows:            1,234,567
                lag:             1m35s / 1v
                progress:        1,000 of 2,000 rows (50%), about 3s left
                freshness SLA:   1m00s BREACHED since 2026-11-26T12:00:00Z (1m00s ago)
                next run:        2026-11-26T12:05:00Z (in 4m00s) (2 slots missed while a run was going)
                last error:      TARGET_UNAVAILABLE: Connection refused (2026-11-26T11:50:00Z (11m00s ago)); retrying 2026-11-26T11:50:30Z (10m30s ago)
                created:         2026-11-26T11:00:00Z (1h01m ago)
                updated:         2026-11-26T11:30:00Z (31m00s ago)
                """, TableFormat.details(table, NOW));
        assertEquals("""
                name:         public.orders
                state:        PROVISIONING (paused)
                source:       /data/orders
                primary key:  id
                policy:       SNAPSHOT
                """, TableFormat.details(Json.mapper().readValue(NEW_TABLE, SyncedTable.class), NOW));
    }

    @Test
    void runsAreATable() throws Exception {
        RunPage page = Json.mapper().readValue("""
                {"runs": [
                  {"run_id": 8, "mode": "TRIGGERED", "started_at": "2026-11-26T12:00:50Z", "outcome": "RUNNING",
                   "rows_written": 0, "rows_skipped": 0, "rows_inserted": 0, "rows_updated": 0, "rows_deleted": 0, "snapshot_fallbacks": 0},
                  {"run_id": 7, "mode": "TRIGGERED", "started_at": "2026-11-26T12:00:00Z", "ended_at": "2026-11-26T12:00:02Z",
                   "outcome": "SUCCEEDED", "from_version": 11, "to_version": 12, "rows_written": 30, "rows_skipped": 0,
                   "rows_inserted": 10, "rows_updated": 15, "rows_deleted": 5, "snapshot_fallbacks": 0},
                  {"run_id": 6, "mode": "SNAPSHOT", "started_at": "2026-11-26T11:00:00Z", "ended_at": "2026-11-26T11:00:01.500Z",
                   "outcome": "FAILED", "to_version": 11, "rows_written": 0, "rows_skipped": 0, "rows_inserted": 0,
                   "rows_updated": 0, "rows_deleted": 0, "snapshot_fallbacks": 0, "error_code": "TARGET_UNAVAILABLE",
                   "error_message": "refused"}]}""", RunPage.class);
        assertEquals("""
                RUN  STARTED                           DURATION  MODE       OUTCOME    VERSIONS           ROWS        ERROR
                8    2026-11-26T12:00:50Z (10s ago)    -         TRIGGERED  RUNNING    -                  0
                7    2026-11-26T12:00:00Z (1m00s ago)  2s        TRIGGERED  SUCCEEDED  versions 11 to 12  +10 ~15 -5
                6    2026-11-26T11:00:00Z (1h01m ago)  1s        SNAPSHOT   FAILED     version 11         0           TARGET_UNAVAILABLE: refused
                """, TableFormat.runs(page.runs(), NOW));
    }

    @Test
    void previewSaysWhatTheNextSyncDoes() {
        assertEquals("""
                The next sync of gold.a applies versions 3 to 5:
                  insert 2, update 1, delete 1 rows
                  keys inserted: 4, 5
                  keys updated: (1, a)
                  keys deleted: 2
                """, TableFormat.preview("gold.a", new Preview(false, 3L, 5L, 2, 1, 1,
                new SampleKeys(List.of("4", "5"), List.of("(1, a)"), List.of("2")))));
        assertEquals("""
                The next sync of gold.a is a full snapshot of version 5: every source row is loaded again.
                  insert 1,000, update 0, delete 0 rows
                """, TableFormat.preview("gold.a", new Preview(true, null, 5L, 1000, 0, 0, null)));
    }

    @Test
    void durationsUseAtMostTwoUnits() {
        assertEquals("0s", TableFormat.duration(Duration.ZERO));
        assertEquals("0.3s", TableFormat.duration(Duration.ofMillis(300)));
        assertEquals("59s", TableFormat.duration(Duration.ofSeconds(59)));
        assertEquals("3m05s", TableFormat.duration(Duration.ofSeconds(185)));
        assertEquals("2h03m", TableFormat.duration(Duration.ofMinutes(123)));
        assertEquals("4d02h", TableFormat.duration(Duration.ofHours(98)));
    }
}
