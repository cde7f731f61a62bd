package io.lakesync.bench;

import io.lakesync.core.model.TableName;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code lakesync sync --mode continuous} in a JVM of its own, as a user runs it (the CLI's main
 * class on the benchmark's classpath), with its output in a log file. The engine and the apply log
 * at INFO there, so the log shows each apply's phases. Stopped with SIGTERM, as a service manager
 * stops it.
 */
final class ContinuousSyncProcess implements AutoCloseable {

    private static final String LOGBACK = """
            <configuration>
              <appender name="STDERR" class="ch.qos.logback.core.ConsoleAppender">
                <target>System.err</target>
                <encoder><pattern>%d{HH:mm:ss.SSS} %-5level %logger{20} - %msg%n</pattern></encoder>
              </appender>
              <logger name="io.lakesync" level="INFO"/>
              <logger name="org.apache.hadoop.util.NativeCodeLoader" level="ERROR"/>
              <logger name="io.delta.kernel.internal.snapshot.SnapshotManager" level="ERROR"/>
              <root level="WARN"><appender-ref ref="STDERR"/></root>
            </configuration>
            """;

    private final Process process;
    private final Path log;

    private ContinuousSyncProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    static ContinuousSyncProcess start(Path table, TableName target, String jdbcUrl, long pollIntervalMillis,
            Path workDir) {
        Path log = workDir.resolve("lakesync-continuous.log");
        Path logback = workDir.resolve("lakesync-continuous-logback.xml");
        List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Dlogback.configurationFile=" + logback);
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.addAll(List.of("io.lakesync.server.cli.LakesyncCli", "sync", "--source", table.toString(),
                "--target", target.toString(), "--primary-key", BenchTableShape.KEY,
                "--timeseries-key", ContinuousRows.TIMESERIES_KEY, "--mode", "continuous",
                "--poll-interval-ms", Long.toString(pollIntervalMillis), "--jdbc-url", jdbcUrl, "--no-progress"));
        try {
            Files.writeString(logback, LOGBACK, StandardCharsets.UTF_8);
            Process process = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile()).start();
            return new ContinuousSyncProcess(process, log);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start lakesync in a child JVM: " + command, e);
        }
    }

    Path log() {
        return log;
    }

    long pid() {
        return process.pid();
    }

    /** Fails with the log's tail when the child has exited. */
    void requireAlive() {
        if (!process.isAlive()) {
            throw new IllegalStateException("lakesync --mode continuous exited with code " + process.exitValue()
                    + "; its log " + log + " ends with:\n" + tail());
        }
    }

    /** Sends SIGTERM and waits for a clean exit; returns the exit code. */
    int stop() throws InterruptedException {
        process.destroy(); // SIGTERM on Unix
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            process.waitFor();
            throw new IllegalStateException("lakesync did not stop within 60 s of SIGTERM; killed it. Log: " + log);
        }
        return process.exitValue();
    }

    List<String> logLines() {
        try {
            return Files.readAllLines(log, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the log " + log, e);
        }
    }

    private String tail() {
        List<String> lines = logLines();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            process.destroyForcibly();
        }
    }
}
