package io.lakesync.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakesync.client.model.Schedule;
import io.lakesync.client.model.SchedulingPolicy;
import io.lakesync.client.model.SyncedTable;
import io.lakesync.client.model.TableSpec;
import io.lakesync.core.error.ErrorCode;
import io.lakesync.core.error.LakesyncException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TableDefinitionsFileTest {

    static final Path FOLDER = Path.of("/repo/config");

    @Test
    void readsEveryFieldAndResolvesRelativeSourcesAgainstTheFilesFolder(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("tables.yaml");
        Files.writeString(file, """
                synced_tables:
                  - name: gold.churn_predictions
                    spec:
                      source_table: ../samples/churn_predictions
                      primary_key_columns: [customer_id]
                      timeseries_key: scored_at
                      scheduling_policy: triggered
                      schedule: {interval_seconds: 300}
                      columns: [customer_id, score, scored_at]
                      extra_index_definitions: [risk_band, "customer_id, scored_at"]
                      freshness_sla_seconds: 600
                    paused: true
                  - name: orders
                    spec:
                      source_table: file:///data/orders
                      primary_key_columns: order_id
                      scheduling_policy: CONTINUOUS
                  - name: gold.items
                    spec:
                      source_table: /abs/items
                      primary_key_columns: [a, b]
                      schedule:
                        cron: "*/5 * * * *"
                """);
        List<SyncedTable> tables = TableDefinitionsFile.read(file);
        assertEquals(3, tables.size());
        SyncedTable churn = tables.get(0);
        assertEquals(new SyncedTable("gold.churn_predictions", new TableSpec(
                dir.getParent().resolve("samples/churn_predictions").toString(), List.of("customer_id"), "scored_at",
                SchedulingPolicy.TRIGGERED, Schedule.every(Duration.ofSeconds(300)),
                List.of("customer_id", "score", "scored_at"), List.of("risk_band", "customer_id, scored_at"), 600L),
                true, null, null, null), churn);
        SyncedTable orders = tables.get(1);
        assertEquals("public.orders", orders.name(), "a name without a schema lands in public, as on the server");
        assertEquals("file:///data/orders", orders.spec().sourceTable());
        assertEquals(List.of("order_id"), orders.spec().primaryKeyColumns());
        assertNull(orders.paused(), "paused is enforced only when the file sets it");
        SyncedTable items = tables.get(2);
        assertEquals(SchedulingPolicy.TRIGGERED, items.spec().schedulingPolicy(), "the API's default policy");
        assertEquals(Schedule.cron("*/5 * * * *"), items.spec().schedule());
        assertEquals("/abs/items", items.spec().sourceTable());
    }

    @Test
    void onSourceChangeSchedule() {
        SyncedTable table = only("""
                synced_tables:
                  - name: gold.a
                    spec: {source_table: a, primary_key_columns: [id], schedule: {on_source_change: true}}
                """);
        assertEquals(Schedule.onSourceChange(), table.spec().schedule());
        assertEquals("/repo/config/a", table.spec().sourceTable());
    }

    @Test
    void missingNameNamesTheFileAndTheEntry() {
        assertError("""
                synced_tables:
                  - name: gold.a
                    spec: {source_table: a, primary_key_columns: [id]}
                  - spec: {source_table: b, primary_key_columns: [id]}
                """, "tables.yaml, synced table #2: name is missing. Add the PostgreSQL target as name: SCHEMA.TABLE,"
                + " for example name: gold.churn_predictions.");
    }

    @Test
    void missingPrimaryKeyNamesTheTable() {
        assertError("""
                synced_tables:
                  - name: gold.a
                    spec: {source_table: a}
                """, "tables.yaml, synced table #1 (gold.a): spec.primary_key_columns is missing. Name the key"
                + " column(s), for example primary_key_columns: [customer_id].");
        assertError("""
                synced_tables:
                  - name: gold.a
                    spec: {source_table: a, primary_key_columns: []}
                """, "tables.yaml, synced table #1 (gold.a): spec.primary_key_columns is missing.");
    }

    @Test
    void unknownPolicyListsTheKnownOnes() {
        assertError("""
                synced_tables:
                  - name: gold.a
                    spec: {source_table: a, primary_key_columns: [id], scheduling_policy: HOURLY}
                """, "tables.yaml, synced table #1 (gold.a): spec.scheduling_policy 'HOURLY' is unknown. Use one of"
                + " [SNAPSHOT, TRIGGERED, CONTINUOUS].");
    }

    @Test
    void unknownFieldsAreErrorsAtEveryLevel() {
        assertError("""
                synced_table:
                  - name: gold.a
                """, "tables.yaml: unknown field synced_table. The fields here are [synced_tables]");
        assertError("""
                synced_tables:
                  - name: gold.a
                    pause: true
                    spec: {source_table: a, primary_key_columns: [id]}
                """, "tables.yaml, synced table #1 (gold.a): unknown field pause. The fields here are [name, paused, spec];"
                + " check the spelling and the indentation.");
        assertError("""
                synced_tables:
                  - name: gold.a
                    spec: {source_table: a, primary_key_columns: [id], freshness_sla: 5}
                """, "tables.yaml, synced table #1 (gold.a): unknown field spec.freshness_sla.");
        assertError("""
                synced_tables:
                  - name: gold.a
                    spec: {source_table: a, primary_key_columns: [id], schedule: {every: 5}}
                """, "unknown field spec.schedule.every.");
    }

    @Test
    void badValuesSayWhatIsExpected() {
        assertError("""
                synced_tables:
                  - name: gold.a
                    spec: {source_table: a, primary_key_columns: [id], freshness_sla_seconds: ten}
                """, "spec.freshness_sla_seconds should be a whole number of seconds of at least 1 (got \"ten\").");
        assertError("""
                synced_tables:
                  - name: gold.a
                    spec: {source_table: a, primary_key_columns: [id], schedule: {interval_seconds: 60, cron: "0 * * * *"}}
                """, "spec.schedule sets 2 kinds of schedule; set exactly one of interval_seconds, cron or on_source_change.");
        assertError("""
                synced_tables:
                  - name: gold.a
                    spec: {source_table: a, primary_key_columns: [id], scheduling_policy: SNAPSHOT,
                           schedule: {interval_seconds: 60}}
                """, "spec.schedule needs scheduling_policy: TRIGGERED (it is SNAPSHOT).");
        assertError("""
                synced_tables:
                  - name: gold.a
                    spec: {source_table: a, primary_key_columns: [id]}
                    paused: maybe
                """, "paused should be true or false (got \"maybe\").");
        assertError("""
                synced_tables:
                  - name: a.b.c
                    spec: {source_table: a, primary_key_columns: [id]}
                """, "tables.yaml, synced table #1: Target table name 'a.b.c' has more than one dot.");
        assertError("""
                synced_tables:
                  - name: gold.a
                """, "tables.yaml, synced table #1 (gold.a): spec is missing.");
        assertError("""
                synced_tables:
                  - name: gold.a
                    spec: {primary_key_columns: [id]}
                """, "tables.yaml, synced table #1 (gold.a): spec.source_table is missing.");
    }

    @Test
    void wholeFileProblems() {
        assertError("", "tables.yaml is empty.");
        assertError("synced_tables: gold.a\n", "tables.yaml: synced_tables should be a list");
        assertError("- name: gold.a\n", "tables.yaml should be a mapping with a synced_tables: list, not a list.");
        assertError("synced_tables:\n  - name: [unclosed\n", "tables.yaml is not valid YAML: ");
        assertError("""
                synced_tables:
                  - name: gold.a
                    name: gold.b
                    spec: {source_table: a, primary_key_columns: [id]}
                """, "tables.yaml is not valid YAML: Duplicate field 'name'");
        assertError("""
                synced_tables:
                  - name: gold.a
                    spec: {source_table: a, primary_key_columns: [id]}
                  - name: gold.a
                    spec: {source_table: b, primary_key_columns: [id]}
                """, "tables.yaml: synced tables #1 and #2 are both named gold.a.");
    }

    @Test
    void aMissingFileIsNamed(@TempDir Path dir) {
        LakesyncException e = assertThrows(LakesyncException.class,
                () -> TableDefinitionsFile.read(dir.resolve("nope.yaml")));
        assertTrue(e.getMessage().startsWith("No file " + dir.resolve("nope.yaml") + ". Give the path"), e.getMessage());
    }

    private static SyncedTable only(String yaml) {
        List<SyncedTable> tables = TableDefinitionsFile.parse(yaml, FOLDER, "tables.yaml");
        assertEquals(1, tables.size());
        return tables.get(0);
    }

    private static void assertError(String yaml, String expectedPart) {
        LakesyncException e = assertThrows(LakesyncException.class,
                () -> TableDefinitionsFile.parse(yaml, FOLDER, "tables.yaml"));
        assertEquals(ErrorCode.INVALID_ARGUMENT, e.code());
        assertTrue(e.getMessage().contains(expectedPart), () -> "expected \"" + expectedPart + "\" in: " + e.getMessage());
    }
}
