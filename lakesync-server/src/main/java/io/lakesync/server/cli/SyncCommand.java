package io.lakesync.server.cli;

import io.lakesync.core.engine.ContinuousSync;
import io.lakesync.core.engine.IncrementalSync;
import io.lakesync.core.engine.SnapshotSync;
import io.lakesync.core.engine.SyncReport;
import io.lakesync.core.error.ErrorCode;
import io.lakesync.core.error.LakesyncException;
import io.lakesync.core.model.SyncMode;
import io.lakesync.core.model.SyncedTableSpec;
import io.lakesync.core.model.TableName;
import io.lakesync.core.spi.SnapshotResult;
import io.lakesync.core.spi.TextPolicy;
import io.lakesync.delta.DeltaTableSource;
import io.lakesync.postgres.PostgresSink;
import io.lakesync.server.SourceLocations;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code lakesync sync}: copies a Delta table into a PostgreSQL table by primary key. */
@Command(name = "sync", description = {"Sync a Delta table into a PostgreSQL table by primary key.",
                "snapshot: a full copy of the table at the newest (or --version) version, swapped in atomically:",
                "readers see the old table or the new one, never an empty or partial one.",
                "triggered: the first run is a snapshot; later runs apply only the changes (inserts, updates,",
                "deletes) of the Delta versions after the last synced one, exactly once, then exit.",
                "continuous: like triggered, then keeps applying new versions within about a second."},
        footer = {"", "Example:",
                "  lakesync sync --source samples/churn_predictions --target gold.churn_predictions --primary-key customer_id",
                "  lakesync sync --source samples/churn_predictions --target gold.churn_predictions --primary-key customer_id \\",
                "      --mode continuous"})
final class SyncCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--source", required = true, paramLabel = "PATH", description = "Delta table: a directory or file: URI.")
    String source;

    @Option(names = "--target", required = true, paramLabel = "SCHEMA.TABLE",
            description = "PostgreSQL table to create or replace (schema public when omitted).")
    String target;

    @Option(names = "--primary-key", required = true, split = ",", paramLabel = "COL",
            description = "Primary key column(s), comma-separated; composite keys allowed.")
    List<String> primaryKey;

    @Option(names = "--timeseries-key", paramLabel = "COL",
            description = "When several rows share a key, keep the one with the greatest value of COL"
                    + " (without it, duplicate keys fail the sync).")
    String timeseriesKey;

    @Option(names = "--mode", defaultValue = "snapshot", paramLabel = "MODE",
            description = "snapshot (default): a full copy, swapped in atomically. triggered: a snapshot the first"
                    + " time, then only the changes since the last sync. continuous: like triggered, then keeps"
                    + " applying new versions as they land, until Ctrl-C or SIGTERM.")
    String mode;

    @Option(names = "--version", paramLabel = "N", description = "Delta version to copy (default: the newest).")
    Long version;

    @Option(names = "--columns", split = ",", paramLabel = "COL",
            description = "Only these columns (key columns are always included).")
    List<String> columns = new ArrayList<>();

    @Option(names = "--jdbc-url", paramLabel = "URL",
            description = "jdbc:postgresql://host:port/db?user=..&password=.. (default: $LAKESYNC_JDBC_URL, else the embedded PostgreSQL).")
    String jdbcUrl;

    @Option(names = "--replace-nul",
            description = "Store strings containing NUL (U+0000) with each NUL replaced by U+FFFD instead of failing"
                    + " with INVALID_TEXT_VALUE (PostgreSQL text cannot hold NUL).")
    boolean replaceNul;

    @Option(names = "--poll-interval-ms", defaultValue = "100", paramLabel = "MS",
            description = "continuous: how often to look for a new Delta version (default: ${DEFAULT-VALUE}).")
    long pollIntervalMillis;

    @Option(names = "--max-rows-per-transaction", defaultValue = "1000000", paramLabel = "N",
            description = "triggered/continuous: split a backlog into transactions of about N change rows, each ending"
                    + " on a Delta version (default: ${DEFAULT-VALUE}).")
    long maxRowsPerTransaction;

    @Option(names = "--no-progress", description = "Do not draw the progress bar (it is drawn only on a terminal anyway).")
    boolean noProgress;

    @Override
    public Integer call() {
        SyncMode syncMode = parseMode(mode);
        if (version != null && syncMode != SyncMode.SNAPSHOT) {
            throw new LakesyncException(ErrorCode.INVALID_ARGUMENT, "--version is only for --mode snapshot: triggered"
                    + " and continuous syncs always follow the newest version. Drop --version, or use --mode snapshot.");
        }
        SyncedTableSpec table = new SyncedTableSpec(SourceLocations.absolute(source), TableName.parse(target), primaryKey,
                Optional.ofNullable(timeseriesKey), syncMode, columns);
        String url = TargetDatabase.resolve(jdbcUrl, System.err);
        // deletes need only the key: removed files are then read by their key columns alone
        DeltaTableSource delta = DeltaTableSource.open(source).withKeyColumns(primaryKey);
        try (PostgresSink sink = PostgresSink.connect(url)) {
            switch (syncMode) {
                case SNAPSHOT -> snapshot(table, delta, sink);
                case TRIGGERED -> triggered(table, delta, sink);
                case CONTINUOUS -> continuous(table, delta, sink);
                default -> throw new IllegalStateException("unknown mode " + syncMode);
            }
        }
        return 0;
    }

    private void snapshot(SyncedTableSpec table, DeltaTableSource delta, PostgresSink sink) {
        SnapshotSync sync = new SnapshotSync(delta, sink, textPolicy(), ProgressBar.forTerminal(noProgress));
        long started = System.nanoTime();
        SnapshotResult result;
        try (StopSignals ignored = StopSignals.install(sync::cancel)) {
            result = sync.run(table, version == null ? OptionalLong.empty() : OptionalLong.of(version));
        }
        print(Summary.of(table, result, System.nanoTime() - started));
    }

    private void triggered(SyncedTableSpec table, DeltaTableSource delta, PostgresSink sink) {
        IncrementalSync sync = incremental(delta, sink);
        long started = System.nanoTime();
        SyncReport report;
        try (StopSignals ignored = StopSignals.install(sync::cancel)) {
            report = sync.run(table);
        }
        print(Summary.of(table, report, System.nanoTime() - started));
    }

    private void continuous(SyncedTableSpec table, DeltaTableSource delta, PostgresSink sink) {
        ContinuousSync sync = new ContinuousSync(incremental(delta, sink), delta, Duration.ofMillis(pollIntervalMillis),
                report -> print(Summary.of(table, report, -1)));
        System.err.println("lakesync: following " + source + " into " + table.target()
                + " (checking for new versions every " + pollIntervalMillis + " ms); stop with Ctrl-C");
        try (StopSignals ignored = StopSignals.install(sync::cancel)) {
            sync.run(table);
        }
        print("lakesync: stopped; " + table.target() + " is at version "
                + sink.watermark(table.target()).map(w -> String.valueOf(w.version().version())).orElse("none"));
    }

    private IncrementalSync incremental(DeltaTableSource delta, PostgresSink sink) {
        return new IncrementalSync(delta, sink, textPolicy(), ProgressBar.forTerminal(noProgress),
                maxRowsPerTransaction);
    }

    private TextPolicy textPolicy() {
        return replaceNul ? TextPolicy.REPLACE : TextPolicy.FAIL;
    }

    private void print(String line) {
        PrintWriter out = spec.commandLine().getOut();
        out.println(line);
        out.flush();
    }

    private static SyncMode parseMode(String mode) {
        try {
            return SyncMode.valueOf(mode.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new LakesyncException(ErrorCode.INVALID_ARGUMENT,
                    "Unknown --mode '" + mode + "'. Use snapshot, triggered or continuous.");
        }
    }
}
