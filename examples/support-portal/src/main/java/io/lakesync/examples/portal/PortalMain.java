package io.lakesync.examples.portal;

import io.javalin.util.JavalinBindException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code support-portal}: runs the portal until Ctrl-C or SIGTERM. */
@Command(name = "support-portal", mixinStandardHelpOptions = true, usageHelpWidth = 100,
        version = "lakesync support portal 0.1",
        description = {"The support team's portal over incidents synced from the lakehouse by lakesync:",
                "dashboard, incident pages (assign, status, comments), live updates and a JSON API.",
                "It reads the synced table as its own app role and keeps the team's work in schema portal."},
        footer = {"", "Example:",
                "  lakesync roles create-app portal --read support.incidents \\",
                "      --state-schema portal",
                "  export PORTAL_JDBC_URL='jdbc:postgresql://localhost/postgres?user=portal&password=..'",
                "  support-portal --lakesync-url http://localhost:8080 \\",
                "      --lakesync-token $LAKESYNC_API_TOKEN"})
public final class PortalMain implements Callable<Integer> {

    @Option(names = "--jdbc-url", required = true, defaultValue = "${env:PORTAL_JDBC_URL}", paramLabel = "URL",
            description = "The portal's app role: jdbc:postgresql://host:port/db?user=portal&password=.."
                    + " (env PORTAL_JDBC_URL).")
    String jdbcUrl;

    @Option(names = "--host", defaultValue = "${env:PORTAL_HOST:-127.0.0.1}", paramLabel = "HOST",
            description = "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 accepts remote clients).")
    String host;

    @Option(names = "--port", defaultValue = "${env:PORTAL_PORT:-8081}", paramLabel = "PORT",
            description = "HTTP port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--lakesync-url", defaultValue = "${env:LAKESYNC_SERVER_URL}", paramLabel = "URL",
            description = "lakesync server whose status of the synced table feeds the freshness badge and the live"
                    + " updates, like http://localhost:8080 (env LAKESYNC_SERVER_URL). Without it the portal"
                    + " watches the table's row count and latest scoring time.")
    String lakesyncUrl;

    @Option(names = "--lakesync-token", defaultValue = "${env:LAKESYNC_API_TOKEN}", paramLabel = "TOKEN",
            description = "Bearer token of the lakesync API (env LAKESYNC_API_TOKEN).")
    String lakesyncToken;

    @Option(names = "--synced-table", defaultValue = PortalSettings.DEFAULT_SYNCED_TABLE, paramLabel = "SCHEMA.TABLE",
            description = "The synced incidents table (default: ${DEFAULT-VALUE}).")
    String syncedTable;

    @Option(names = "--team", split = ",", paramLabel = "NAME",
            description = "Names offered as owners, comma-separated (default: a sample team).")
    List<String> team;

    @Option(names = "--poll-interval-ms", defaultValue = "1000", paramLabel = "MS",
            description = "How often the data version is checked for live updates (default: ${DEFAULT-VALUE}).")
    long pollMillis;

    @Option(names = "--pool-size", defaultValue = "8", paramLabel = "N",
            description = "PostgreSQL connections (default: ${DEFAULT-VALUE}).")
    int poolSize;

    public static void main(String[] args) {
        // Standalone: the portal's own logging setup (embedded, the host application's applies).
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "portal-logback.xml");
        }
        System.exit(new CommandLine(new PortalMain()).execute(args));
    }

    @Override
    public Integer call() throws InterruptedException {
        PortalSettings settings = new PortalSettings(host, port, jdbcUrl, Optional.ofNullable(lakesyncUrl),
                Optional.ofNullable(lakesyncToken), syncedTable, team == null || team.isEmpty()
                        ? PortalSettings.DEFAULT_TEAM : team.stream().map(String::strip).filter(s -> !s.isEmpty()).toList(),
                Duration.ofMillis(pollMillis), poolSize);
        PortalServer portal;
        try {
            portal = PortalServer.start(settings);
        } catch (IllegalArgumentException | IllegalStateException | JavalinBindException e) {
            System.err.println("support-portal: " + e.getMessage());
            return 1;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            portal.close();
            stopped.countDown();
        }, "portal-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        System.out.println("Support portal: " + portal.url() + "   (Ctrl-C stops it)");
        stopped.await();
        return 0;
    }
}
