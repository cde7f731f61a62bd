package io.lakesync.server.incremental;

import io.lakesync.server.cli.LakesyncCli;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The {@code lakesync} command line in a JVM of its own, so a test can stop it the way an operator
 * or the kernel does: SIGTERM ({@link #terminate}) or SIGKILL ({@link #kill}). Its output goes to
 * files (a pipe nobody reads could block it).
 */
final class ChildCli implements AutoCloseable {

    private final Process process;
    private final Path stdout;
    private final Path stderr;
    private final long startedNanos = System.nanoTime();

    private ChildCli(Process process, Path stdout, Path stderr) {
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /** Starts {@code lakesync args...}; {@code logDir}/{@code name}.out and .err receive its output. */
    static ChildCli start(Path logDir, String name, List<String> args) {
        List<String> command = new ArrayList<>(List.of(javaExecutable(), "-Xmx512m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-cp", classPath(), LakesyncCli.class.getName()));
        command.addAll(args);
        Path out = logDir.resolve(name + ".out");
        Path err = logDir.resolve(name + ".err");
        try {
            Files.createDirectories(logDir);
            Process p = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
            return new ChildCli(p, out, err);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    boolean isAlive() {
        return process.isAlive();
    }

    long pid() {
        return process.pid();
    }

    long millisSinceStart() {
        return (System.nanoTime() - startedNanos) / 1_000_000;
    }

    /** Waits for the process to end by itself; -1 when it still runs after {@code millis}. */
    int waitFor(long millis) {
        try {
            return process.waitFor(millis, TimeUnit.MILLISECONDS) ? process.exitValue() : -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** SIGKILL: no shutdown hook, no rollback by the client; returns once the process is gone. */
    void kill() {
        process.destroyForcibly();
        awaitExit();
    }

    /** SIGTERM, as Ctrl-C or a service manager would send; returns the exit code. */
    int terminate(long timeoutMillis) {
        process.destroy();
        int code = waitFor(timeoutMillis);
        if (code == -1) {
            kill();
            throw new AssertionError("lakesync did not stop within " + timeoutMillis + " ms of SIGTERM\n" + output());
        }
        return code;
    }

    private void awaitExit() {
        try {
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException("process " + process.pid() + " survived SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
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

    private static String javaExecutable() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /**
     * The test's own class path. Failsafe may start the test JVM with a manifest-only jar; its
     * {@code surefire.test.class.path} then holds the real entries.
     */
    private static String classPath() {
        String fromFailsafe = System.getProperty("surefire.test.class.path");
        String cp = fromFailsafe != null && !fromFailsafe.isBlank() ? fromFailsafe : System.getProperty("java.class.path");
        return String.join(File.pathSeparator, cp.split(File.pathSeparator));
    }
}
