package io.lakesync.examples.simulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakesync.delta.DeltaTableSource;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The command line: its schedule, its output, a restart, and a clean stop on SIGTERM. */
class SimulatorMainIT {

    private static final Pattern COMMIT = Pattern.compile("v(\\d+) +(\\w+) .*");
    private static final Pattern STOPPED = Pattern.compile("stopped +at version (\\d+): (\\d+) incidents");

    @TempDir
    Path tmp;

    private record Run(int exit, List<String> lines, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int exit = SimulatorMain.execute(new PrintWriter(out, true), new PrintWriter(err, true), args);
        return new Run(exit, out.toString().lines().toList(), err.toString());
    }

    @Test
    void streamsForTheDurationPrintingOneLinePerCommitAndResumesTheTableLater() {
        String table = tmp.resolve("incidents").toString();
        Run first = run("--table", table, "--initial", "20", "--duration", "2", "--new-interval-ms", "200",
                "--rescore-interval-ms", "500", "--retract-probability", "0.5", "--checkpoint-interval", "0");
        assertEquals(0, first.exit(), first.err());
        // how many commits fit into the duration depends on the machine; their order and lines do not
        List<Long> versions = commitVersions(first.lines());
        assertConsecutive(-1, versions, first.lines());
        assertTrue(first.lines().get(1).matches("v1 +insert +20 open incidents .*"), first.lines().toString());
        long last = versions.get(versions.size() - 1);
        assertEquals(last, stoppedAt(first.lines()));
        assertEquals(last, DeltaTableSource.open(table).latestVersion().version());

        Run second = run("--table", table, "--duration", "1", "--new-interval-ms", "200", "--rescore-interval-ms",
                "5000");
        assertEquals(0, second.exit(), second.err());
        assertTrue(second.lines().get(0).startsWith("opened   table "), second.lines().toString());
        assertTrue(second.lines().get(0).contains("at version " + last + ": "), second.lines().get(0));
        assertConsecutive(last, commitVersions(second.lines()), second.lines());
        assertEquals(stoppedAt(second.lines()), DeltaTableSource.open(table).latestVersion().version());
    }

    private static void assertConsecutive(long after, List<Long> versions, List<String> lines) {
        for (int i = 0; i < versions.size(); i++) {
            assertEquals(after + 1 + i, versions.get(i), "versions in order, one line each: " + lines);
        }
    }

    @Test
    void badSettingsAreUsageErrors() {
        Run run = run("--table", tmp.resolve("t").toString(), "--rescore-fraction", "1.5");
        assertEquals(SimulatorMain.EXIT_USAGE, run.exit());
        assertTrue(run.err().contains("--rescore-fraction must be between 0 and 1"), run.err());
        Run help = run("--help");
        assertEquals(0, help.exit());
        assertTrue(String.join("\n", help.lines()).contains("--retract-probability"));
    }

    @Test
    void sigtermStopsAfterTheCommitInProgressAndExitsWithZero() throws Exception {
        String table = tmp.resolve("incidents").toString();
        Path java = Paths.get(System.getProperty("java.home"), "bin", "java");
        // C1 only: this short-lived JVM starts faster without the optimising compiler
        Process process = new ProcessBuilder(java.toString(), "-XX:TieredStopAtLevel=1", "-cp",
                System.getProperty("java.class.path"), "-Dlogback.configurationFile=logback-test.xml",
                SimulatorMain.class.getName(), "--table", table, "--initial", "10", "--new-interval-ms", "100",
                "--rescore-interval-ms", "300")
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        List<String> lines = new ArrayList<>();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            int streamed = 0;
            String line;
            while (streamed < 3 && (line = out.readLine()) != null) {
                lines.add(line);
                if (lines.stream().anyMatch(l -> l.startsWith("streaming")) && COMMIT.matcher(line).matches()) {
                    streamed++;
                }
            }
            // SIGTERM; Process.destroy() would also close the stream we still read from
            process.toHandle().destroy();
            while ((line = out.readLine()) != null) {
                lines.add(line);
            }
        } catch (IOException e) {
            process.destroyForcibly();
            throw e;
        }
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the simulator did not stop: " + lines);
        assertEquals(0, process.exitValue(), lines.toString());
        List<Long> versions = commitVersions(lines);
        long last = versions.get(versions.size() - 1);
        assertEquals(last, stoppedAt(lines), lines.toString());
        assertEquals(last, DeltaTableSource.open(table).latestVersion().version(),
                "every commit that landed was printed, none is half-written");
    }

    private static List<Long> commitVersions(List<String> lines) {
        List<Long> versions = new ArrayList<>();
        for (String line : lines) {
            Matcher m = COMMIT.matcher(line);
            if (m.matches() && !m.group(2).equals("checkpoint")) {
                versions.add(Long.parseLong(m.group(1)));
            }
        }
        return versions;
    }

    private static long stoppedAt(List<String> lines) {
        Matcher m = STOPPED.matcher(lines.get(lines.size() - 1));
        assertTrue(m.matches(), "last line: " + lines.get(lines.size() - 1));
        return Long.parseLong(m.group(1));
    }
}
