package io.lakesync.server.cli;

import io.lakesync.server.LakesyncServer;
import io.lakesync.server.service.ServiceSettings;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code lakesync server}: keeps every synced table of a database up to date and serves the API and console. */
@Command(name = "server", description = {"Run the service: keeps every synced table up to date, serves API and console.",
        "Keeps every synced table defined in the database up to date (schedules, continuous tables, retries),",
        "and serves the REST API, the console (/), Prometheus metrics (/metrics) and /health. After a restart",
        "it resumes every table from its watermark.",
        "Stop it with Ctrl-C or SIGTERM: runs in flight roll back, nothing is half applied."},
        footer = {"", "Example:",
                "  lakesync server --port 8080",
                "  export LAKESYNC_API_TOKEN=<the token printed at first start>",
                "  lakesync apply -f tables.yaml && lakesync tables list"})
final class ServerCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--jdbc-url", paramLabel = "URL",
            description = "jdbc:postgresql://host:port/db?user=..&password=.. (default: $LAKESYNC_JDBC_URL, else the embedded PostgreSQL).")
    String jdbcUrl;

    @Option(names = "--host", defaultValue = "${env:LAKESYNC_HOST:-127.0.0.1}", paramLabel = "HOST",
            description = "Address to listen on (default: ${DEFAULT-VALUE}; 0.0.0.0 accepts remote clients; env LAKESYNC_HOST).")
    String host;

    @Option(names = "--port", defaultValue = "${env:LAKESYNC_PORT:-8080}", paramLabel = "PORT",
            description = "HTTP port of the API, console and metrics (default: ${DEFAULT-VALUE}; env LAKESYNC_PORT).")
    int port;

    @Option(names = "--api-token", defaultValue = "${env:LAKESYNC_API_TOKEN}", paramLabel = "TOKEN",
            description = "Accept this bearer token (stored hashed). Default: $LAKESYNC_API_TOKEN; without either,"
                    + " a token is generated and printed at the first start.")
    String apiToken;

    @Option(names = "--workers", defaultValue = "4", paramLabel = "N",
            description = "Runs that may go at once over all tables; each table runs one at a time (default: ${DEFAULT-VALUE}).")
    int workers;

    @Option(names = "--max-connections", defaultValue = "10", paramLabel = "N",
            description = "Size of the PostgreSQL connection pool shared by all tables and the API (default: ${DEFAULT-VALUE}).")
    int maxConnections;

    @Option(names = "--poll-interval-ms", defaultValue = "100", paramLabel = "MS",
            description = "How often each table's source is checked for new versions and its schedule for due slots"
                    + " (default: ${DEFAULT-VALUE}).")
    long pollIntervalMillis;

    @Option(names = "--webhook-url", defaultValue = "${env:LAKESYNC_WEBHOOK_URL}", paramLabel = "URL",
            description = "POST a JSON notice here when a table goes over its freshness SLA and when it is back"
                    + " (default: $LAKESYNC_WEBHOOK_URL; none: the notice is only logged).")
    String webhookUrl;

    @Override
    public Integer call() throws InterruptedException {
        String url = TargetDatabase.resolve(jdbcUrl, System.err);
        ServiceSettings settings = ServiceSettings.defaults().withWorkers(workers)
                .withPollInterval(Duration.ofMillis(pollIntervalMillis));
        LakesyncServer server = LakesyncServer.start(new LakesyncServer.Options(url, host, port,
                Optional.ofNullable(apiToken).filter(t -> !t.isBlank()), maxConnections, settings,
                Optional.ofNullable(webhookUrl)));
        CountDownLatch stopped = new CountDownLatch(1);
        try (StopSignals ignored = StopSignals.install(stopped::countDown)) {
            announce(server);
            stopped.await();
            System.err.println("lakesync: stopping; runs in flight roll back");
        } finally {
            server.close();
        }
        print("lakesync: server stopped");
        return 0;
    }

    private void announce(LakesyncServer server) {
        String base = "http://" + ("0.0.0.0".equals(host) ? "localhost" : host) + ":" + server.port();
        server.generatedToken().ifPresent(token -> {
            print("lakesync: API token (shown only now; keep it, lakesync stores only its hash):");
            print("  export LAKESYNC_API_TOKEN=" + token);
        });
        print("lakesync: serving " + server.service().tableCount() + " synced tables");
        print("lakesync: console " + base + "/   API " + base + "/api/2.0/database/synced_tables   metrics " + base
                + "/metrics   health " + base + "/health");
        print("lakesync: stop with Ctrl-C");
    }

    private void print(String line) {
        PrintWriter out = spec.commandLine().getOut();
        out.println(line);
        out.flush();
    }
}
