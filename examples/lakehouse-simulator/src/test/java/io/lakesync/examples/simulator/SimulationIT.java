package io.lakesync.examples.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.delta.kernel.engine.Engine;
import io.lakesync.core.spi.ChangeKind;
import io.lakesync.delta.DeltaTableSource;
import io.lakesync.examples.simulator.CommitEvent.Kind;
import io.lakesync.examples.simulator.TableReads.Change;
import io.lakesync.examples.simulator.delta.ConcurrentCommitException;
import io.lakesync.examples.simulator.delta.IncidentTable;
import io.lakesync.examples.simulator.delta.KernelEngine;
import io.lakesync.examples.simulator.incident.Incident;
import io.lakesync.examples.simulator.incident.IncidentIds;
import io.lakesync.examples.simulator.incident.RiskBand;
import io.lakesync.testkit.delta.DeltaTableWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The simulator's table read back by lakesync's Delta reader and by plain Kernel: every version's
 * snapshot and every version's row changes (the Change Data Feed path) are what the simulator
 * says it wrote.
 */
class SimulationIT {

    @TempDir
    Path tmp;

    private static SimulatorOptions options(Path table) {
        return new SimulatorOptions(table, 7, 60, Duration.ofMillis(100), 3, Duration.ofMillis(500), 0.2, 0.3,
                Duration.ZERO, 10, 20, SimulatorOptions.FIRST_MODEL_VERSION);
    }

    /** New incidents every step, a re-scoring every fifth: about 25 versions of every kind. */
    private static void steps(Simulation simulation, int steps) {
        for (int i = 0; i < steps; i++) {
            simulation.newIncidents();
            if (i % 5 == 4) {
                simulation.rescore();
            }
        }
    }

    @Test
    void everyVersionReadsAsTheSimulatorWroteIt() throws IOException {
        Path table = tmp.resolve("incidents");
        List<CommitEvent> events = new ArrayList<>();
        Simulation simulation = Simulation.open(options(table), Clock.systemUTC(), events::add);
        steps(simulation, 15);
        simulation.retractDuplicates();

        long latest = simulation.table().state().version();
        assertEquals(latest + 1, events.size(), "one event per version");
        for (int v = 0; v < events.size(); v++) {
            assertEquals(v, events.get(v).version());
        }
        Set<Kind> kinds = events.stream().map(CommitEvent::kind).collect(Collectors.toSet());
        assertEquals(Set.of(Kind.values()), kinds, "the run made commits of every kind");

        DeltaTableSource source = DeltaTableSource.open(table.toString());
        assertEquals(latest, source.latestVersion().version());
        assertEquals(TableReads.rows(simulation.incidents().values()), TableReads.snapshot(source, latest));

        Engine kernel = KernelEngine.create();
        TreeMap<String, List<Object>> model = new TreeMap<>();
        for (CommitEvent event : events) {
            long v = event.version();
            assertChanges(event, TableReads.changes(source, v));
            event.deleted().forEach(model::remove);
            model.putAll(TableReads.rows(event.upserted()));
            assertEquals(List.copyOf(model.keySet()), TableReads.kernelKeys(kernel, table, v).stream().sorted().toList(),
                    "Kernel's read of version " + v);
        }
        assertSensible(simulation.incidents().values());

        String create = Files.readString(table.resolve("_delta_log/00000000000000000000.json"));
        assertTrue(create.contains("{\"protocol\":{\"minReaderVersion\":1,\"minWriterVersion\":4}}"), create);
        assertTrue(create.contains("\"configuration\":{\"delta.enableChangeDataFeed\":\"true\"}"), create);
        assertTrue(Files.exists(table.resolve("_delta_log/00000000000000000010.checkpoint.parquet")));
        assertTrue(Files.exists(table.resolve("_delta_log/_last_checkpoint")));
        for (CommitEvent event : events) {
            String commit = Files.readString(table.resolve(String.format("_delta_log/%020d.json", event.version())));
            boolean rewrite = event.kind() == Kind.RESCORE || event.kind() == Kind.RETRACT;
            assertEquals(rewrite, commit.contains("{\"cdc\":"), "cdc file in version " + event.version());
            assertEquals(rewrite, commit.contains("{\"remove\":"), "remove in version " + event.version());
        }
    }

    /**
     * What lakesync must report: inserts as upserts of the new rows; a re-score as the preimage
     * (a delete of the key) and the postimage (an upsert of the new row); a retraction as a delete.
     */
    private static void assertChanges(CommitEvent event, List<Change> actual) {
        List<Change> expected = new ArrayList<>();
        for (String id : event.deleted()) {
            expected.add(new Change(ChangeKind.DELETE, id, null));
        }
        for (Map.Entry<String, List<Object>> e : TableReads.rows(event.upserted()).entrySet()) {
            if (event.kind() == Kind.RESCORE) {
                expected.add(new Change(ChangeKind.DELETE, e.getKey(), null));
            }
            expected.add(new Change(ChangeKind.UPSERT, e.getKey(), e.getValue()));
        }
        Comparator<Change> order = Comparator.comparing(Change::key).thenComparing(Change::kind);
        expected.sort(order);
        List<Change> comparable = new ArrayList<>();
        for (Change c : actual) {
            // only the key of a delete matters (DESIGN §2); its other values are the preimage's
            comparable.add(c.kind() == ChangeKind.DELETE ? new Change(c.kind(), c.key(), null) : c);
        }
        comparable.sort(order);
        assertEquals(expected, comparable, "changes of version " + event.version() + " (" + event.kind() + ")");
    }

    private static void assertSensible(java.util.Collection<Incident> incidents) {
        assertFalse(incidents.isEmpty());
        for (Incident i : incidents) {
            Object[] row = io.lakesync.examples.simulator.delta.IncidentSchema.row(i);
            double risk = (Double) row[10];
            assertTrue(risk >= 0 && risk <= 1, i.id() + " risk " + risk);
            assertEquals(RiskBand.of(risk).value(), row[11], i.id());
            assertTrue(((Instant) row[9]).isAfter((Instant) row[8]), i.id() + ": SLA due after creation");
            assertFalse(((Instant) row[15]).isBefore((Instant) row[8]), i.id() + ": scored after creation");
            assertFalse(((List<?>) row[13]).isEmpty(), i.id() + ": risk factors");
            assertTrue(((String) row[14]).startsWith("escalation-gbm-"), i.id());
            assertTrue(IncidentIds.number(i.id()) > 0, i.id());
        }
        assertEquals(incidents.size(), incidents.stream().map(Incident::id).distinct().count(), "unique ids");
    }

    @Test
    void aRestartedSimulatorGoesOnWhereTheLastOneStopped() {
        Path table = tmp.resolve("incidents");
        Simulation first = Simulation.open(options(table), Clock.systemUTC(), e -> { });
        steps(first, 6);

        List<CommitEvent> events = new ArrayList<>();
        Simulation second = Simulation.open(options(table), Clock.systemUTC(), events::add);
        assertTrue(events.isEmpty(), "nothing is written when the table exists");
        assertEquals(first.table().state().version(), second.table().state().version());
        assertEquals(TableReads.rows(first.incidents().values()), TableReads.rows(second.incidents().values()));
        assertEquals(Set.copyOf(first.table().state().files()), Set.copyOf(second.table().state().files()));
        assertEquals(first.modelVersion(), second.modelVersion());

        long highest = first.incidents().keySet().stream().mapToLong(IncidentIds::number).max().orElseThrow();
        second.newIncidents();
        second.rescore();
        assertTrue(events.get(0).upserted().stream().allMatch(i -> IncidentIds.number(i.id()) > highest),
                "new ids follow the old ones");
        DeltaTableSource source = DeltaTableSource.open(table.toString());
        assertEquals(TableReads.rows(second.incidents().values()),
                TableReads.snapshot(source, second.table().state().version()));
    }

    @Test
    void aSecondWriterOfTheSameVersionLosesAndTheTableStaysIntact() {
        Path table = tmp.resolve("incidents");
        Simulation winner = Simulation.open(options(table), Clock.systemUTC(), e -> { });
        IncidentTable stale = IncidentTable.open(table, KernelEngine.create(), 20);
        winner.newIncidents();

        Incident some = stale.state().incidents().values().iterator().next();
        ConcurrentCommitException e = assertThrows(ConcurrentCommitException.class,
                () -> stale.delete(List.of(some.id()), "incident_id = '" + some.id() + "'"));
        assertTrue(e.getMessage().contains("only writer"), e.getMessage());
        DeltaTableSource source = DeltaTableSource.open(table.toString());
        assertEquals(TableReads.rows(winner.incidents().values()),
                TableReads.snapshot(source, source.latestVersion().version()));
    }

    @Test
    void kernelCanStillAppendToTheTable() {
        Path table = tmp.resolve("incidents");
        Simulation simulation = Simulation.open(options(table), Clock.systemUTC(), e -> { });
        steps(simulation, 2);
        Incident template = simulation.incidents().values().iterator().next();
        Object[] row = io.lakesync.examples.simulator.delta.IncidentSchema.row(template);
        row[0] = "INC-999999";
        long version = DeltaTableWriter.open(table).append(List.<Object[]>of(row));

        assertEquals(simulation.table().state().version() + 1, version);
        TreeMap<String, List<Object>> expected = TableReads.rows(simulation.incidents().values());
        expected.put("INC-999999", java.util.Arrays.asList(row));
        assertEquals(expected, TableReads.snapshot(DeltaTableSource.open(table.toString()), version));
    }
}
