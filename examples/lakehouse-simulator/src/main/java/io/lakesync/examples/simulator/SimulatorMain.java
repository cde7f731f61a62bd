package io.lakesync.examples.simulator;

import io.lakesync.examples.simulator.delta.IncidentTable;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** The {@code lakehouse-simulator} command: streams commits into the incidents Delta table. */
@Command(name = "lakehouse-simulator", mixinStandardHelpOptions = true, versionProvider = SimulatorMain.Version.class,
        sortOptions = false,
        description = {"Maintains a Delta table 'incidents' (Change Data Feed on) the way a lakehouse pipeline would:",
                "support incidents scored by an escalation-risk model. Creates the table with a backlog of incidents",
                "if the folder holds none (else goes on from its newest version), then streams: new incidents, ",
                "re-scoring of open incidents (UPDATE), and retraction of duplicate submissions (DELETE).",
                "Prints one line per commit. Stops cleanly on Ctrl-C or SIGTERM, after the commit in progress."},
        footer = {"", "Example: lakehouse-simulator --table /tmp/incidents --duration 60",
                "Exit codes: 0 stopped normally, 1 failed (the message says why), 2 bad usage."})
public final class SimulatorMain implements Callable<Integer> {

    public static final int EXIT_FAILED = 1;
    public static final int EXIT_USAGE = 2;

    @Spec
    CommandSpec spec;

    @Option(names = "--table", defaultValue = "./incidents", paramLabel = "PATH",
            description = "Folder of the Delta table (default: ${DEFAULT-VALUE}).")
    Path table;

    @Option(names = "--seed", defaultValue = "42", paramLabel = "N",
            description = "Seed of all randomness: the same seed gives the same incidents (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--initial", defaultValue = "200", paramLabel = "N",
            description = "Incidents of the last 48 hours written when the table is created (default: ${DEFAULT-VALUE}).")
    int initial;

    @Option(names = "--new-interval-ms", defaultValue = "1000", paramLabel = "MS",
            description = "A commit of new incidents every MS milliseconds (default: ${DEFAULT-VALUE}).")
    long newIntervalMillis;

    @Option(names = "--max-new-per-commit", defaultValue = "3", paramLabel = "N",
            description = "Each such commit adds 1 to N incidents (default: ${DEFAULT-VALUE}).")
    int maxNewPerCommit;

    @Option(names = "--rescore-interval-ms", defaultValue = "5000", paramLabel = "MS",
            description = "A re-scoring commit (UPDATE) every MS milliseconds (default: ${DEFAULT-VALUE}).")
    long rescoreIntervalMillis;

    @Option(names = "--rescore-fraction", defaultValue = "0.1", paramLabel = "F",
            description = "Share of the open incidents (created in the last 7 days) each re-scoring updates"
                    + " (default: ${DEFAULT-VALUE}).")
    double rescoreFraction;

    @Option(names = "--retract-probability", defaultValue = "0.05", paramLabel = "P",
            description = "Chance that a commit of new incidents carries a duplicate submission, which the next"
                    + " commit retracts (DELETE) (default: ${DEFAULT-VALUE}).")
    double retractProbability;

    @Option(names = "--duration", defaultValue = "0", paramLabel = "S",
            description = "Stop after S seconds; 0 runs until Ctrl-C or SIGTERM (default: ${DEFAULT-VALUE}).")
    long durationSeconds;

    @Option(names = "--checkpoint-interval", defaultValue = "100", paramLabel = "N",
            description = "Write a Delta checkpoint every N versions, so readers replay few commit files; 0 = never"
                    + " (default: ${DEFAULT-VALUE}).")
    int checkpointInterval;

    @Option(names = "--rows-per-file", defaultValue = "100", paramLabel = "N",
            description = "Most rows in one data file; an update or delete rewrites the files of the rows it"
                    + " changes (default: ${DEFAULT-VALUE}).")
    int rowsPerFile;

    @Option(names = "--model-version", defaultValue = SimulatorOptions.FIRST_MODEL_VERSION, paramLabel = "V",
            description = "Version of the escalation model that scores first; retrained versions follow"
                    + " (default: ${DEFAULT-VALUE}).")
    String modelVersion;

    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "simulator-logback.xml");
        }
        System.exit(execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
    }

    /** Runs the command writing to {@code out} and {@code err}; returns the exit code. */
    public static int execute(PrintWriter out, PrintWriter err, String... args) {
        CommandLine cli = new CommandLine(new SimulatorMain());
        cli.setOut(out);
        cli.setErr(err);
        cli.getCommandSpec().exitCodeOnInvalidInput(EXIT_USAGE);
        cli.setExecutionExceptionHandler((e, commandLine, parsed) -> {
            commandLine.getErr().println("lakehouse-simulator: " + e.getMessage());
            return EXIT_FAILED;
        });
        return cli.execute(args);
    }

    @Override
    public Integer call() throws InterruptedException {
        SimulatorOptions options = options();
        PrintWriter out = spec.commandLine().getOut();
        // Signals are caught from the start: a stop during the (possibly slow) opening lets it finish
        // its commits, then the simulator exits without streaming.
        AtomicBoolean stopRequested = new AtomicBoolean();
        AtomicReference<Simulator> running = new AtomicReference<>();
        try (StopSignals ignored = StopSignals.install(() -> {
            stopRequested.set(true);
            Simulator simulator = running.get();
            if (simulator != null) {
                simulator.stop();
            }
        })) {
            Simulation simulation = open(options, out);
            Simulator simulator = new Simulator(simulation, options);
            running.set(simulator);
            if (!stopRequested.get()) {
                out.printf(Locale.ROOT, "streaming: new incidents every %d ms, re-scoring %.0f%% of the open ones every"
                        + " %d ms%s; Ctrl-C to stop%n", newIntervalMillis, rescoreFraction * 100,
                        rescoreIntervalMillis, durationSeconds > 0 ? ", for " + durationSeconds + " s" : "");
                simulator.run();
            }
            out.printf(Locale.ROOT, "stopped  at version %d: %d incidents%n", simulation.table().state().version(),
                    simulation.incidents().size());
        }
        return 0;
    }

    private static Simulation open(SimulatorOptions options, PrintWriter out) {
        boolean resumed = IncidentTable.exists(options.table());
        Simulation simulation = Simulation.open(options, Clock.systemUTC(), new PrintingListener(out));
        if (resumed) {
            out.printf(Locale.ROOT, "opened   table %s at version %d: %d incidents, model %s%n",
                    simulation.table().path(), simulation.table().state().version(), simulation.incidents().size(),
                    simulation.modelVersion());
        }
        return simulation;
    }

    private SimulatorOptions options() {
        try {
            return new SimulatorOptions(table, seed, initial, Duration.ofMillis(newIntervalMillis), maxNewPerCommit,
                    Duration.ofMillis(rescoreIntervalMillis), rescoreFraction, retractProbability,
                    Duration.ofSeconds(durationSeconds), checkpointInterval, rowsPerFile, modelVersion);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
    }

    /** One line per commit: version, what it did. */
    private static final class PrintingListener implements CommitListener {
        private final PrintWriter out;

        PrintingListener(PrintWriter out) {
            this.out = out;
        }

        @Override
        public void committed(CommitEvent event) {
            out.printf(Locale.ROOT, "v%-6d %s%n", event.version(), event.summary());
            out.flush();
        }

        @Override
        public void checkpointed(long version) {
            out.printf(Locale.ROOT, "v%-6d checkpoint written%n", version);
            out.flush();
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = SimulatorMain.class.getPackage().getImplementationVersion();
            return new String[] {"lakehouse-simulator " + (version == null ? "development build" : version)};
        }
    }
}
