package io.lakesync.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.lakesync.client.Json;
import io.lakesync.client.model.Schedule;
import io.lakesync.client.model.SchedulingPolicy;
import io.lakesync.client.model.SyncStatus;
import io.lakesync.client.model.SyncedTable;
import io.lakesync.client.model.TableSpec;
import io.lakesync.server.cli.TableDefinitionsDiff.Conflict;
import io.lakesync.server.cli.TableDefinitionsDiff.FieldChange;
import io.lakesync.server.cli.TableDefinitionsDiff.Plan;
import io.lakesync.server.cli.TableDefinitionsDiff.Update;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TableDefinitionsDiffTest {

    static final TableSpec SPEC = TableSpec.builder("/data/churn", "customer_id")
            .schedulingPolicy(SchedulingPolicy.TRIGGERED).schedule(Schedule.every(Duration.ofMinutes(5)))
            .freshnessSlaSeconds(600L).extraIndexDefinitions(List.of("risk_band", "customer_id, scored_at")).build();

    /** The table as the server answers: with timestamps, status and an explicit paused. */
    static SyncedTable onServer(TableSpec spec, boolean paused) {
        return new SyncedTable("gold.churn", spec, paused, Instant.parse("2026-11-26T12:00:00Z"),
                Instant.parse("2026-11-26T12:00:00Z"), new SyncStatus("ONLINE", null, null, null, null, null, null,
                        null, null));
    }

    @Test
    void absentIsCreated() {
        SyncedTable desired = SyncedTable.of("gold.churn", SPEC);
        assertEquals(new TableDefinitionsDiff.Create(desired), TableDefinitionsDiff.plan(desired, Optional.empty()));
    }

    @Test
    void equalIsUnchangedWhateverTheFormOfSourceAndIndexes() {
        TableSpec serverForm = SPEC.toBuilder().sourceTable("file:///data/churn/")
                .extraIndexDefinitions(List.of("customer_id,scored_at", "risk_band")).build();
        assertEquals(new TableDefinitionsDiff.Unchanged("gold.churn"),
                TableDefinitionsDiff.plan(SyncedTable.of("gold.churn", SPEC), Optional.of(onServer(serverForm, true))),
                "paused is left alone when the file does not set it");
        TableSpec emptyLists = SPEC.toBuilder().columns(List.of()).timeseriesKey("").build();
        assertInstanceOf(TableDefinitionsDiff.Unchanged.class,
                TableDefinitionsDiff.plan(SyncedTable.of("gold.churn", emptyLists), Optional.of(onServer(SPEC, false))));
    }

    @Test
    void mutableDifferencesBecomeOnePatchOfJustThoseFields() {
        TableSpec wanted = SPEC.toBuilder().schedule(Schedule.cron("0 * * * *")).freshnessSlaSeconds(null)
                .extraIndexDefinitions(null).build();
        Plan plan = TableDefinitionsDiff.plan(SyncedTable.of("gold.churn", wanted).withPaused(true),
                Optional.of(onServer(SPEC, false)));
        Update update = assertInstanceOf(Update.class, plan);
        assertEquals(List.of(new FieldChange("schedule", "every 300s", "cron 0 * * * *"),
                new FieldChange("freshness_sla_seconds", "600s", "none"),
                new FieldChange("extra_index_definitions", "[risk_band, customer_id, scored_at]", "none"),
                new FieldChange("paused", "false", "true")), update.changes());
        ModelJson.assertJson("""
                {"spec": {"schedule": {"cron": "0 * * * *"}, "freshness_sla_seconds": null,
                          "extra_index_definitions": []},
                 "paused": true}""", Json.write(update.update()));
    }

    @Test
    void removingTheScheduleAndChangingThePolicy() {
        TableSpec wanted = SPEC.toBuilder().schedulingPolicy(SchedulingPolicy.CONTINUOUS).schedule(null).build();
        Update update = assertInstanceOf(Update.class,
                TableDefinitionsDiff.plan(SyncedTable.of("gold.churn", wanted), Optional.of(onServer(SPEC, false))));
        assertEquals("scheduling_policy: TRIGGERED -> CONTINUOUS, schedule: every 300s -> none",
                update.changes().get(0) + ", " + update.changes().get(1));
        ModelJson.assertJson("{\"spec\": {\"scheduling_policy\": \"CONTINUOUS\", \"schedule\": null}}",
                Json.write(update.update()));
    }

    @Test
    void immutableDifferencesAreConflictsNamingEachField() {
        TableSpec wanted = SPEC.toBuilder().sourceTable("/data/churn_v2").primaryKeyColumns(List.of("id"))
                .timeseriesKey("scored_at").columns(List.of("id", "score")).freshnessSlaSeconds(5L).build();
        Conflict conflict = assertInstanceOf(Conflict.class,
                TableDefinitionsDiff.plan(SyncedTable.of("gold.churn", wanted), Optional.of(onServer(SPEC, false))));
        assertEquals(List.of(new FieldChange("source_table", "/data/churn", "/data/churn_v2"),
                new FieldChange("primary_key_columns", "[customer_id]", "[id]"),
                new FieldChange("timeseries_key", "null", "scored_at"),
                new FieldChange("columns", "none", "[id, score]")), conflict.immutableChanges());
        assertEquals("gold.churn: spec.source_table (on the server: /data/churn; in the file: /data/churn_v2),"
                + " spec.primary_key_columns (on the server: [customer_id]; in the file: [id]), spec.timeseries_key"
                + " (on the server: null; in the file: scored_at), spec.columns (on the server: none; in the file:"
                + " [id, score]) cannot change in place: it defines what the PostgreSQL table holds. Delete the synced"
                + " table (`lakesync tables delete gold.churn`, with --purge-data to drop its PostgreSQL table) and"
                + " run apply again, or put the server's value back in the file.", ApplyCommand.describe(conflict));
    }

    @Test
    void sourceKeysTreatPathAndFileUriAlike() {
        assertEquals("/a/b", TableDefinitionsDiff.sourceKey("file:///a/b"));
        assertEquals("/a/b", TableDefinitionsDiff.sourceKey("file:/a/b/"));
        assertEquals("/a/b", TableDefinitionsDiff.sourceKey("/a/./b/"));
        assertEquals("s3://bucket/t", TableDefinitionsDiff.sourceKey("s3://bucket/t"));
    }
}
