package io.lakesync.bench;

import io.lakesync.client.LakesyncClient;
import io.lakesync.client.LakesyncClientException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * {@code lakesync server} in a JVM of its own, started as the launcher starts it (the CLI's main
 * class on the server's runtime classpath, no JVM options but {@code LAKESYNC_JAVA_OPTS}), so that
 * its CPU and memory are measured apart from the writer's and the watcher's. Its output goes to a
 * log file; it stops on SIGTERM.
 */
final class ServerProcess implements AutoCloseable {

    /**
     * The server's own logging (lakesync-server's logback.xml) plus one INFO line per apply with
     * its sink phases, which {@link ApplyLogSummary} reads: one line per transaction costs nothing
     * next to the transaction.
     */
    private static final String LOGBACK = """
            <configuration>
              <appender name="STDERR" class="ch.qos.logback.core.ConsoleAppender">
                <target>System.err</target>
                <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n</pattern></encoder>
              </appender>
              <logger name="org.apache.hadoop.util.NativeCodeLoader" level="ERROR"/>
              <logger name="io.delta.kernel.internal.snapshot.SnapshotManager" level="ERROR"/>
              <logger name="org.flywaydb" level="WARN"/>
              <logger name="com.zaxxer.hikari" level="ERROR"/>
              <logger name="io.lakesync.server.notify" level="INFO"/>
              <logger name="io.lakesync.postgres.internal.PostgresIncrementalApply" level="INFO"/>
              <root level="WARN"><appender-ref ref="STDERR"/></root>
            </configuration>
            """;

    private static final long STARTUP_TIMEOUT_MS = 120_000;

    private final Process process;
    private final Path log;
    private final String baseUrl;
    private final String token;
    private final List<String> javaOptions;
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    private ServerProcess(Process process, Path log, String baseUrl, String token, List<String> javaOptions) {
        this.process = process;
        this.log = log;
        this.baseUrl = baseUrl;
        this.token = token;
        this.javaOptions = javaOptions;
    }

    /** Starts the server and waits until {@code /health} answers. */
    static ServerProcess start(String jdbcUrl, FiftyTablesOptions options, Path workDir) throws InterruptedException {
        Path log = workDir.resolve("lakesync-server.log");
        Path logback = workDir.resolve("lakesync-server-logback.xml");
        int port = freePort();
        String token = UUID.randomUUID().toString();
        String optionsText = System.getenv().getOrDefault("LAKESYNC_JAVA_OPTS", "").trim();
        List<String> javaOptions = optionsText.isEmpty() ? List.of() : Arrays.asList(optionsText.split("\\s+"));
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(javaOptions);
        command.add("-Dlogback.configurationFile=" + logback);
        command.add("-cp");
        command.add(serverClassPath());
        command.addAll(List.of("io.lakesync.server.cli.LakesyncCli", "server", "--jdbc-url", jdbcUrl,
                "--port", Integer.toString(port), "--api-token", token,
                "--workers", Integer.toString(options.workers()),
                "--poll-interval-ms", Long.toString(options.pollIntervalMillis()),
                "--max-connections", Integer.toString(options.maxConnections())));
        Process process;
        try {
            Files.writeString(logback, LOGBACK, StandardCharsets.UTF_8);
            process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start lakesync server in a child JVM", e);
        }
        ServerProcess server = new ServerProcess(process, log, "http://127.0.0.1:" + port, token, javaOptions);
        server.awaitHealthy();
        return server;
    }

    private void awaitHealthy() throws InterruptedException {
        LakesyncClient client = client();
        long deadline = System.currentTimeMillis() + STARTUP_TIMEOUT_MS;
        while (true) {
            requireAlive();
            try {
                if (client.health().up()) {
                    return;
                }
            } catch (LakesyncClientException notYet) {
                // still starting: the port opens after the catalog migration
            }
            if (System.currentTimeMillis() > deadline) {
                throw new IllegalStateException("lakesync server did not become healthy within "
                        + STARTUP_TIMEOUT_MS / 1000 + " s; its log " + log + " ends with:\n" + tail());
            }
            Thread.sleep(200);
        }
    }

    /** A client of this server with its token, patient enough for a server under load. */
    LakesyncClient client() {
        return LakesyncClient.builder().baseUrl(baseUrl).token(token).timeout(Duration.ofSeconds(60)).build();
    }

    /** The Prometheus text of {@code GET /metrics}. */
    String metrics() throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + "/metrics"))
                .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        if (response.statusCode() != 200) {
            throw new IOException("GET /metrics answered " + response.statusCode());
        }
        return response.body();
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    List<String> javaOptions() {
        return javaOptions;
    }

    /** Fails with the log's tail when the server has exited. */
    void requireAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException("lakesync server exited with code " + process.exitValue() + "; its log "
                    + log + " ends with:\n" + tail());
        }
    }

    /** Sends SIGTERM and waits for a clean exit; returns the exit code. */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor();
            throw new IllegalStateException("lakesync server did not stop within 60 s of SIGTERM; killed it. Log: " + log);
        }
        return process.exitValue();
    }

    private String tail() {
        try {
            List<String> lines = logLines();
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (UncheckedIOException e) {
            return "(cannot read the log: " + e.getCause() + ")";
        }
    }

    /** The benchmark's classpath without the benchmark's own classes: the server's runtime classpath. */
    private static String serverClassPath() {
        String own;
        try {
            own = Paths.get(ServerProcess.class.getProtectionDomain().getCodeSource().getLocation().toURI()).toString();
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException("Cannot locate the benchmark's classes", e);
        }
        return Arrays.stream(System.getProperty("java.class.path").split(java.io.File.pathSeparator))
                .filter(entry -> !Paths.get(entry).toAbsolutePath().normalize().toString().equals(own))
                .collect(java.util.stream.Collectors.joining(java.io.File.pathSeparator));
    }

    /** The server's log, line by line. */
    List<String> logLines() {
        try {
            return Files.readAllLines(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the server log " + log, e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot find a free port for lakesync server", e);
        }
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
