package io.lakesync.examples.demo;

import io.lakesync.client.AppRolesClient;
import io.lakesync.client.LakesyncApiException;
import io.lakesync.client.LakesyncClient;
import io.lakesync.client.model.AppRole;
import io.lakesync.client.model.AppRoleRequest;
import io.lakesync.client.model.SchedulingPolicy;
import io.lakesync.client.model.SyncedTable;
import io.lakesync.client.model.TableSpec;
import io.lakesync.examples.portal.PortalServer;
import io.lakesync.examples.portal.PortalSettings;
import io.lakesync.examples.simulator.Simulation;
import io.lakesync.examples.simulator.Simulator;
import io.lakesync.examples.simulator.SimulatorOptions;
import io.lakesync.postgres.JdbcUrl;
import io.lakesync.server.LakesyncServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The support-portal use case end to end, in one process: the lakehouse simulator writes the Delta
 * table {@code incidents}, the lakesync server keeps {@code support.incidents} in step with it
 * CONTINUOUSLY, an app role {@code portal} may only read it, and the portal runs as that role.
 * Every start is fresh (the demo's Delta table, synced table and app role are made anew), so the
 * demo always shows the same story.
 */
final class Demo implements AutoCloseable {

    static final String SYNCED_TABLE = "support.incidents";
    static final String APP_ROLE = "portal";

    private final LakesyncServer server;
    private final Simulator simulator;
    private final Thread simulatorThread;
    private final PortalServer portal;
    private final AppRole role;
    private final String apiUrl;

    private Demo(LakesyncServer server, Simulator simulator, Thread simulatorThread, PortalServer portal, AppRole role,
            String apiUrl) {
        this.server = server;
        this.simulator = simulator;
        this.simulatorThread = simulatorThread;
        this.portal = portal;
        this.role = role;
        this.apiUrl = apiUrl;
    }

    /** Starts everything; what is already started is stopped again when a later step fails. */
    static Demo start(DemoSettings settings, Progress progress) {
        progress.step("starting the lakesync server on port " + settings.port());
        LakesyncServer server = LakesyncServer.start(new LakesyncServer.Options(settings.jdbcUrl(), settings.host(),
                settings.port(), java.util.Optional.of(settings.apiToken()), 10,
                io.lakesync.server.service.ServiceSettings.defaults(), java.util.Optional.empty()));
        String apiUrl = "http://" + settings.host() + ":" + server.port();
        Simulator simulator = null;
        Thread simulatorThread = null;
        try {
            LakesyncClient client = LakesyncClient.builder().baseUrl(apiUrl).token(settings.apiToken()).build();
            AppRolesClient roles = new AppRolesClient(apiUrl, settings.apiToken());
            reset(client, roles, settings.workDir());

            progress.step("starting the lakehouse simulator (Delta table " + settings.deltaTable() + ")");
            SimulatorOptions options = SimulatorOptions.defaults(settings.deltaTable());
            Simulation simulation = Simulation.open(options, Clock.systemUTC(), event -> { });
            simulator = new Simulator(simulation, options);
            simulatorThread = startThread(simulator);

            progress.step("syncing it CONTINUOUSLY into " + SYNCED_TABLE);
            client.createSyncedTable(new SyncedTable(SYNCED_TABLE, new TableSpec(settings.deltaTable().toString(),
                    List.of("incident_id"), null, SchedulingPolicy.CONTINUOUS, null, null,
                    List.of("risk_band", "created_at", "predicted_escalation_risk", "sla_due_at"), 10L), null, null, null, null));
            // the role is made before the first copy lands (its grant is given to the table the swap
            // brings in), so its GRANT never waits behind the continuous applies that follow
            progress.step("creating the app role '" + APP_ROLE + "' (SELECT on " + SYNCED_TABLE + ", own schema "
                    + APP_ROLE + ")");
            AppRole role = roles.create(new AppRoleRequest(APP_ROLE, List.of(SYNCED_TABLE), APP_ROLE));
            awaitFirstSync(client, Duration.ofMinutes(2));

            progress.step("starting the support portal on port " + settings.portalPort());
            PortalServer portal = PortalServer.start(PortalSettings.of(roleUrl(settings.jdbcUrl(), role))
                    .withHost(settings.host()).withPort(settings.portalPort())
                    .withLakesync(apiUrl, settings.apiToken()));
            return new Demo(server, simulator, simulatorThread, portal, role, apiUrl);
        } catch (RuntimeException e) {
            stopSimulator(simulator, simulatorThread);
            server.close();
            throw e;
        }
    }

    /** The demo starts from nothing: no synced table, no app role, no Delta table left from before. */
    private static void reset(LakesyncClient client, AppRolesClient roles, Path workDir) {
        client.findSyncedTable(SYNCED_TABLE).ifPresent(t -> client.deleteSyncedTable(SYNCED_TABLE, true));
        if (roles.list().stream().anyMatch(r -> r.name().equals(APP_ROLE))) {
            roles.drop(APP_ROLE, true);
        }
        deleteRecursively(workDir);
    }

    private static void awaitFirstSync(LakesyncClient client, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            SyncedTable table = client.getSyncedTable(SYNCED_TABLE);
            var status = table.dataSynchronizationStatus();
            if (status != null && status.lastSync() != null) {
                return;
            }
            if (status != null && "OFFLINE_FAILED".equals(status.detailedState())) {
                throw new IllegalStateException("The first sync of " + SYNCED_TABLE + " failed: " + status.message()
                        + (status.lastError() == null ? "" : " " + status.lastError().message()));
            }
            sleep(200);
        }
        throw new IllegalStateException("The first sync of " + SYNCED_TABLE + " did not finish within " + timeout
                + "; see the server log above.");
    }

    /** The same database as the server's, logged in as the app role. */
    static String roleUrl(String adminUrl, AppRole role) {
        String address = JdbcUrl.parse(adminUrl).address();
        return address + (address.contains("?") ? "&" : "?") + "user=" + role.name() + "&password="
                + URLEncoder.encode(role.password(), StandardCharsets.UTF_8);
    }

    String apiUrl() {
        return apiUrl;
    }

    String portalUrl() {
        return portal.url();
    }

    AppRole role() {
        return role;
    }

    /** Stops the portal, the simulator (after its commit in progress) and the server, in that order. */
    @Override
    public void close() {
        portal.close();
        stopSimulator(simulator, simulatorThread);
        server.close();
    }

    private static Thread startThread(Simulator simulator) {
        Thread thread = new Thread(() -> {
            try {
                simulator.run();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "lakehouse-simulator");
        thread.setDaemon(true);
        thread.start();
        return thread;
    }

    private static void stopSimulator(Simulator simulator, Thread thread) {
        if (simulator == null) {
            return;
        }
        simulator.stop();
        try {
            simulator.awaitFinished(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot clear the demo folder " + dir, e);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    /** Where the demo reports what it is doing. */
    interface Progress {
        void step(String what);
    }
}
