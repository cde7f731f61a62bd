package io.lakesync.examples.demo;

import io.lakesync.server.api.ApiTokenHash;
import io.lakesync.server.postgres.EmbeddedPostgresServer;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lakesync demo}: the support portal use case, started with one command. */
@Command(name = "lakesync demo", mixinStandardHelpOptions = true,
        description = {"Start the whole support-portal demo:",
                "  an embedded PostgreSQL and the lakesync server,",
                "  a lakehouse simulator writing the Delta table 'incidents' (new incidents",
                "  every second, re-scored risk, retracted duplicates),",
                "  a CONTINUOUS synced table support.incidents,",
                "  the read-only app role 'portal' and the support portal running as it.",
                "Every start is fresh. Stop everything with Ctrl-C (or SIGTERM)."})
public final class DemoMain implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "8080", paramLabel = "PORT",
            description = "Port of the lakesync console, API and metrics (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--portal-port", defaultValue = "8081", paramLabel = "PORT",
            description = "Port of the support portal (default: ${DEFAULT-VALUE}).")
    int portalPort;

    @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "HOST",
            description = "Address both listen on (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--jdbc-url", defaultValue = "${env:LAKESYNC_JDBC_URL}", paramLabel = "URL",
            description = "A PostgreSQL to use instead of the embedded one (its user needs CREATEROLE).")
    String jdbcUrl;

    public static void main(String[] args) {
        System.exit(new CommandLine(new DemoMain()).execute(args));
    }

    @Override
    public Integer call() throws InterruptedException {
        EmbeddedPostgresServer embedded = null;
        boolean startedEmbedded = false;
        String url = jdbcUrl;
        if (url == null || url.isBlank()) {
            embedded = EmbeddedPostgresServer.fromEnvironment();
            startedEmbedded = !embedded.isRunning();
            say("starting the embedded PostgreSQL on port " + embedded.port() + " (data in " + embedded.dataDirectory()
                    + ")");
            url = embedded.ensureRunning();
        }
        String token = System.getenv("LAKESYNC_API_TOKEN");
        if (token == null || token.isBlank()) {
            token = ApiTokenHash.newToken();
        }
        Path home = Path.of(System.getenv().getOrDefault("LAKESYNC_HOME",
                Path.of(System.getProperty("user.home"), ".lakesync").toString()));
        DemoSettings settings = new DemoSettings(url, host, port, portalPort, token, home.resolve("demo"));

        Demo demo = Demo.start(settings, DemoMain::say);
        CountDownLatch stopped = new CountDownLatch(1);
        EmbeddedPostgresServer toStop = startedEmbedded ? embedded : null;
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            say("stopping: portal, simulator, server" + (toStop != null ? ", PostgreSQL" : ""));
            demo.close();
            if (toStop != null) {
                toStop.stop();
            }
            say("stopped");
            stopped.countDown();
        }, "demo-shutdown"));
        announce(demo, settings, embedded);
        stopped.await();
        return 0;
    }

    private static void announce(Demo demo, DemoSettings settings, EmbeddedPostgresServer embedded) {
        System.out.println();
        System.out.println("  Support portal     " + demo.portalUrl());
        System.out.println("  lakesync console   " + demo.apiUrl() + "/   (API token: " + settings.apiToken() + ")");
        System.out.println("  Metrics            " + demo.apiUrl() + "/metrics");
        if (embedded != null) {
            System.out.println("  psql (admin)       " + embedded.psqlCommand());
            System.out.println("  psql (as the app)  PGPASSWORD='" + demo.role().password() + "' psql -h localhost -p "
                    + embedded.port() + " -U " + demo.role().name() + " postgres");
        }
        System.out.println("  Try                SELECT incident_id, risk_band, predicted_escalation_risk FROM "
                + Demo.SYNCED_TABLE + " ORDER BY predicted_escalation_risk DESC LIMIT 5;");
        System.out.println();
        System.out.println("lakesync demo: running; stop with Ctrl-C");
    }

    private static void say(String line) {
        System.out.println("lakesync demo: " + line);
    }
}
