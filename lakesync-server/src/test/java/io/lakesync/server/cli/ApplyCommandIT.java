package io.lakesync.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakesync.client.LakesyncClient;
import io.lakesync.client.model.Schedule;
import io.lakesync.client.model.SchedulingPolicy;
import io.lakesync.client.model.SyncedTable;
import io.lakesync.client.model.TableSpec;
import io.lakesync.core.model.Column;
import io.lakesync.core.model.ColumnType;
import io.lakesync.server.LakesyncServer;
import io.lakesync.server.service.ServiceSettings;
import io.lakesync.testkit.TestPostgres;
import io.lakesync.testkit.delta.DeltaTableWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code lakesync apply} and {@code lakesync tables} end to end: the CLI against an in-process
 * lakesync server with a real PostgreSQL and real Delta tables, checked through the SDK.
 */
class ApplyCommandIT {

    static final String ORDERS = "it.orders";
    static final String ITEMS = "it.items";

    @TempDir
    Path dir;

    private final String token = "apply-it-" + UUID.randomUUID();
    private LakesyncServer server;
    private LakesyncClient client;
    private String url;
    private Path yaml;

    @BeforeEach
    void start() throws IOException {
        for (String name : List.of("orders", "items")) {
            DeltaTableWriter table = DeltaTableWriter.create(dir.resolve("lake").resolve(name), List.of(
                    new Column("id", ColumnType.LONG, false),
                    new Column("name", ColumnType.STRING, true)), List.of(), Map.of());
            table.append(List.of(new Object[] {1L, "a"}, new Object[] {2L, "b"}, new Object[] {3L, "c"}));
        }
        server = LakesyncServer.start(new LakesyncServer.Options(TestPostgres.newDatabase(), "127.0.0.1", 0,
                Optional.of(token), 6, ServiceSettings.defaults(), Optional.empty()));
        url = "http://127.0.0.1:" + server.port();
        client = LakesyncClient.builder().baseUrl(url).token(token).build();
        yaml = Files.createDirectories(dir.resolve("config")).resolve("tables.yaml");
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    CliRun cli(String... args) {
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--server";
        all[args.length + 1] = url;
        all[args.length + 2] = "--token";
        all[args.length + 3] = token;
        return CliRun.of(all);
    }

    void writeYaml(String ordersSpec) throws IOException {
        // Relative sources: relative to the YAML file's folder (config/), not to the working directory.
        Files.writeString(yaml, """
                synced_tables:
                  - name: it.orders
                    spec:
                      source_table: ../lake/orders
                      primary_key_columns: [id]
                %s
                  - name: it.items
                    spec: {source_table: ../lake/items, primary_key_columns: [id], scheduling_policy: SNAPSHOT}
                """.formatted(ordersSpec.indent(6).stripTrailing()));
    }

    @Test
    void applyIsIdempotentAndPatchesOnlyWhatChanged() throws IOException {
        writeYaml("""
                scheduling_policy: TRIGGERED
                schedule: {interval_seconds: 300}
                freshness_sla_seconds: 600""");
        CliRun first = cli("apply", "-f", yaml.toString());
        assertEquals(0, first.exitCode(), first::toString);
        assertEquals("created it.orders\ncreated it.items\n", first.out());

        SyncedTable orders = client.getSyncedTable(ORDERS);
        assertEquals(dir.resolve("lake/orders").toString(), orders.spec().sourceTable());
        assertEquals(Schedule.every(Duration.ofMinutes(5)), orders.spec().schedule());
        assertEquals(600L, orders.spec().freshnessSlaSeconds());

        CliRun again = cli("apply", "-f", yaml.toString());
        assertEquals(0, again.exitCode(), again::toString);
        assertEquals("unchanged it.orders\nunchanged it.items\n", again.out());

        writeYaml("""
                scheduling_policy: TRIGGERED
                schedule: {cron: "0 * * * *"}
                extra_index_definitions: [name]""");
        CliRun dry = cli("apply", "--dry-run", "-f", yaml.toString());
        assertEquals(0, dry.exitCode(), dry::toString);
        String changes = "it.orders: schedule: every 300s -> cron 0 * * * *, freshness_sla_seconds: 600s -> none,"
                + " extra_index_definitions: none -> [name]";
        assertEquals("would update " + changes + "\nunchanged it.items\n(dry run: nothing was changed)\n", dry.out());
        assertEquals(orders.spec(), client.getSyncedTable(ORDERS).spec(), "a dry run changes nothing");

        CliRun update = cli("apply", "-f", yaml.toString());
        assertEquals(0, update.exitCode(), update::toString);
        assertEquals("updated " + changes + "\nunchanged it.items\n", update.out());
        TableSpec changed = client.getSyncedTable(ORDERS).spec();
        assertEquals(Schedule.cron("0 * * * *"), changed.schedule());
        assertNull(changed.freshnessSlaSeconds(), "removed from the file, removed on the server");
        assertEquals(List.of("name"), changed.extraIndexDefinitions());
        assertEquals("unchanged it.orders\nunchanged it.items\n", cli("apply", "-f", yaml.toString()).out());
    }

    @Test
    void aChangedSourceIsRefusedAndNothingChanges() throws IOException {
        writeYaml("freshness_sla_seconds: 600");
        assertEquals(0, cli("apply", "-f", yaml.toString()).exitCode());
        writeYaml("freshness_sla_seconds: 60");
        Files.writeString(yaml, Files.readString(yaml).replace("../lake/items", "../lake/orders"));
        CliRun run = cli("apply", "-f", yaml.toString());
        assertEquals(1, run.exitCode(), run::toString);
        assertEquals("", run.out());
        assertEquals("lakesync: it.items: spec.source_table (on the server: " + dir.resolve("lake/items")
                + "; in the file: " + dir.resolve("lake/orders") + ") cannot change in place: it defines what the"
                + " PostgreSQL table holds. Delete the synced table (`lakesync tables delete it.items`, with"
                + " --purge-data to drop its PostgreSQL table) and run apply again, or put the server's value back in"
                + " the file.\nlakesync: nothing was changed.\n", run.err());
        assertEquals(600L, client.getSyncedTable(ORDERS).spec().freshnessSlaSeconds(), "the other table is untouched");
    }

    @Test
    void tablesCommandsOperateTheServer() throws IOException {
        writeYaml("scheduling_policy: TRIGGERED");
        assertEquals(0, cli("apply", "-f", yaml.toString()).exitCode());
        awaitSynced(ORDERS, 1);

        CliRun list = cli("tables", "list");
        assertEquals(0, list.exitCode(), list::toString);
        List<String> lines = list.out().lines().toList();
        assertEquals(List.of("NAME", "STATE", "VERSION", "LAG", "ROWS", "SLA", "LAST SYNC"),
                List.of(lines.get(0).split(" {2,}")), list::toString);
        // Columns are at least two spaces apart (LAG itself reads "0s / 0v").
        String[] orders = lines.stream().filter(l -> l.startsWith(ORDERS + " ")).findFirst().orElseThrow()
                .split(" {2,}");
        assertEquals(List.of(ORDERS, "ONLINE_NO_PENDING_UPDATE", "1", "0s / 0v", "3", "-"),
                List.of(orders).subList(0, 6), list::toString);
        assertTrue(cli("tables", "list", "--json").out().contains("\"name\" : \"it.orders\""));

        CliRun get = cli("tables", "get", ORDERS);
        assertEquals(0, get.exitCode(), get::toString);
        String details = get.out().replaceAll(" {2,}", " ");
        assertTrue(details.contains("\nsource: " + dir.resolve("lake/orders") + "\n"), get::toString);
        assertTrue(details.contains("\nrows: 3\n"), get::toString);
        assertTrue(details.contains("\nstate: ONLINE_NO_PENDING_UPDATE\n"), get::toString);

        DeltaTableWriter.open(dir.resolve("lake/orders")).append(List.<Object[]>of(new Object[] {4L, "d"}));
        CliRun preview = cli("tables", "preview", ORDERS);
        assertEquals(0, preview.exitCode(), preview::toString);
        assertTrue(preview.out().contains("insert 1, update 0, delete 0 rows"), preview::toString);

        CliRun sync = cli("tables", "sync", ORDERS);
        assertEquals(0, sync.exitCode(), sync::toString);
        awaitSynced(ORDERS, 2);
        CliRun runs = cli("tables", "runs", ORDERS, "--limit", "1");
        assertEquals(0, runs.exitCode(), runs::toString);
        assertEquals(2, runs.out().lines().count(), runs::toString);
        assertTrue(runs.out().contains("SUCCEEDED") && runs.out().contains("versions 1 to 2"), runs::toString);

        assertEquals("paused it.orders\n", cli("tables", "pause", ORDERS).out());
        assertTrue(client.getSyncedTable(ORDERS).pausedOrFalse());
        assertEquals("resumed it.orders\n", cli("tables", "resume", ORDERS).out());
        assertFalse(client.getSyncedTable(ORDERS).pausedOrFalse());

        CliRun delete = cli("tables", "delete", ORDERS, "--purge-data");
        assertEquals(0, delete.exitCode(), delete::toString);
        CliRun gone = cli("tables", "get", ORDERS);
        assertEquals(1, gone.exitCode(), gone::toString);
        assertTrue(gone.err().startsWith("lakesync: RESOURCE_DOES_NOT_EXIST (404): "), gone::toString);
        assertEquals(1, gone.err().lines().count(), gone::toString);
    }

    @Test
    void aWrongTokenIsOneClearLine() {
        CliRun run = CliRun.of("tables", "list", "--server", url, "--token", "wrong");
        assertEquals(1, run.exitCode(), run::toString);
        assertTrue(run.err().startsWith("lakesync: UNAUTHENTICATED (401): "), run::toString);
        assertTrue(run.err().contains("--token T or LAKESYNC_API_TOKEN"), run::toString);
        assertEquals(1, run.err().lines().count(), run::toString);
        SyncedTable created = client.createSyncedTable(SyncedTable.of("it.sdk", TableSpec.builder(
                dir.resolve("lake/items").toString(), "id").schedulingPolicy(SchedulingPolicy.SNAPSHOT).build()));
        assertEquals("it.sdk", created.name());
    }

    /** Waits (generously; this checks progress, not speed) until the table's last sync reached {@code version}. */
    private void awaitSynced(String name, long version) {
        BooleanSupplier synced = () -> {
            SyncedTable table = client.getSyncedTable(name);
            return table.dataSynchronizationStatus() != null && table.dataSynchronizationStatus().lastSync() != null
                    && Long.valueOf(version).equals(table.dataSynchronizationStatus().lastSync().deltaCommitVersion());
        };
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!synced.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(name + " did not reach version " + version + ": "
                        + client.getSyncedTable(name));
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
    }
}
