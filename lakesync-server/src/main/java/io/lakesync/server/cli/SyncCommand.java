package io.lakesync.server.cli;

import io.lakesync.core.engine.ProgressListener;
import io.lakesync.core.engine.SnapshotSync;
import io.lakesync.core.error.ErrorCode;
import io.lakesync.core.error.LakesyncException;
import io.lakesync.core.model.SyncMode;
import io.lakesync.core.model.SyncedTableSpec;
import io.lakesync.core.model.TableName;
import io.lakesync.core.spi.SnapshotResult;
import io.lakesync.core.spi.TextPolicy;
import io.lakesync.delta.DeltaTableSource;
import io.lakesync.postgres.PostgresSink;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
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
                "readers see the old table or the new one, never an empty or partial one."},
        footer = {"", "Example:",
                "  lakesync sync --source testdata/dat/basic_partitioned/delta --target demo.letters --primary-key letter,number"})
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
            description = "snapshot (default). triggered and continuous are not available yet.")
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

    @Option(names = "--no-progress", description = "Do not draw the progress bar (it is drawn only on a terminal anyway).")
    boolean noProgress;

    @Override
    public Integer call() {
        SyncMode syncMode = parseMode(mode);
        PrintWriter out = spec.commandLine().getOut();
        SyncedTableSpec table = new SyncedTableSpec(source, TableName.parse(target), primaryKey,
                Optional.ofNullable(timeseriesKey), syncMode, columns);
        String url = TargetDatabase.resolve(jdbcUrl, System.err);
        ProgressListener progress = ProgressBar.forTerminal(noProgress);
        DeltaTableSource delta = DeltaTableSource.open(source);
        try (PostgresSink sink = PostgresSink.connect(url)) {
            SnapshotSync sync = new SnapshotSync(delta, sink, replaceNul ? TextPolicy.REPLACE : TextPolicy.FAIL, progress);
            long started = System.nanoTime();
            SnapshotResult result;
            try (CancelOnShutdown ignored = CancelOnShutdown.install(sync::cancel)) {
                result = sync.run(table, version == null ? OptionalLong.empty() : OptionalLong.of(version));
            }
            out.println(Summary.of(table, result, System.nanoTime() - started));
            out.flush();
        }
        return 0;
    }

    private static SyncMode parseMode(String mode) {
        String normalized = mode.trim().toUpperCase(java.util.Locale.ROOT);
        if (normalized.equals("SNAPSHOT")) {
            return SyncMode.SNAPSHOT;
        }
        if (normalized.equals("TRIGGERED") || normalized.equals("CONTINUOUS")) {
            throw new LakesyncException(ErrorCode.INVALID_ARGUMENT, "--mode " + mode + " is not available in this"
                    + " version of lakesync; only --mode snapshot is. Run a snapshot sync to get a full, current copy.");
        }
        throw new LakesyncException(ErrorCode.INVALID_ARGUMENT,
                "Unknown --mode '" + mode + "'. Use snapshot, triggered or continuous.");
    }
}
