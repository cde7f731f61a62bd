package io.lakesync.server.service;

import io.lakesync.server.cli.LakesyncCli;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code lakesync server} in a JVM of its own (the technique of incremental/ChildCli: the test's
 * class path, the CLI's main class), so a test can stop it the way the kernel or an operator does:
 * SIGKILL ({@link #kill}) or SIGTERM ({@link #terminate}). It listens on a port of its choosing
 * ({@code --port 0}), read from the line it prints. Output goes to files: a pipe nobody reads
 * could block it.
 */
final class ServerProcess implements AutoCloseable {

    private static final Pattern CONSOLE_LINE = Pattern.compile("lakesync: console http://[^:]+:(\\d+)/");

    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private ServerProcess(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /**
     * Starts {@code lakesync server --port 0 args...}; {@code logDir}/{@code name}.out and .err get its
     * output. {@code environment} is added to the child's; {@code jvmOptions} go before the main class.
     */
    static ServerProcess start(Path logDir, String name, List<String> args, Map<String, String> environment,
            List<String> jvmOptions) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classPath(), LakesyncCli.class.getName(), "server", "--host", "127.0.0.1",
                "--port", "0"));
        command.addAll(args);
        Path out = logDir.resolve(name + ".out");
        Path err = logDir.resolve(name + ".err");
        try {
            Files.createDirectories(logDir);
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            builder.environment().putAll(environment);
            return new ServerProcess(builder.start(), out, err);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Waits until the server announced where it listens; returns its base URL. */
    String awaitListening() {
        Wait.until(Duration.ofSeconds(120), "the server to listen", () -> port() > 0 || !process.isAlive(), this::output);
        if (!process.isAlive()) {
            throw new AssertionError("lakesync server exited with " + process.exitValue() + " before listening\n"
                    + output());
        }
        return "http://127.0.0.1:" + port();
    }

    private int port() {
        Matcher m = CONSOLE_LINE.matcher(stdout());
        return m.find() ? Integer.parseInt(m.group(1)) : -1;
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hook, nothing rolled back by the process; returns once it is gone. */
    void kill() {
        process.destroyForcibly();
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("process " + process.pid() + " survived SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGTERM; returns the exit code, or fails (after a SIGKILL) when the process does not stop in time. */
    int terminate(Duration timeout) {
        process.destroy();
        try {
            if (process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                return process.exitValue();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
        kill();
        throw new AssertionError("lakesync server did not stop within " + timeout.toSeconds() + " s of SIGTERM\n"
                + output());
    }

    String stdout() {
        return read(stdout);
    }

    String stderr() {
        return read(stderr);
    }

    String output() {
        return "--- stdout (" + stdout + ")\n" + stdout() + "--- stderr (" + stderr + ")\n" + stderr();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The test's class path; failsafe may start the test JVM with a manifest-only jar and put the real one here. */
    private static String classPath() {
        String fromFailsafe = System.getProperty("surefire.test.class.path");
        String cp = fromFailsafe != null && !fromFailsafe.isBlank() ? fromFailsafe : System.getProperty("java.class.path");
        return String.join(File.pathSeparator, cp.split(File.pathSeparator));
    }
}
