package io.lakesync.server.cli;

import io.lakesync.core.engine.Verification;
import io.lakesync.core.model.TableName;
import io.lakesync.core.spi.Comparison;
import io.lakesync.delta.DeltaTableSource;
import io.lakesync.postgres.PostgresSink;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.OptionalLong;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code lakesync verify}: exact comparison of a synced table with its Delta source. */
@Command(name = "verify", description = {"Compare a synced PostgreSQL table with its Delta source, row by row and value by value.",
                "Uses the key, timeseries key and columns the table was synced with. Exits 0 when equal,",
                "3 when they differ (and prints up to 20 differing keys), 1 when it cannot compare."})
final class VerifyCommand implements Callable<Integer> {

    static final int MAX_KEYS = 20;

    @Spec
    CommandSpec spec;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Option(names = "--source", required = true, paramLabel = "PATH", description = "Delta table: a directory or file: URI.")
    String source;

    @Option(names = "--target", required = true, paramLabel = "SCHEMA.TABLE", description = "The synced PostgreSQL table.")
    String target;

    @Option(names = "--version", paramLabel = "N",
            description = "Delta version to compare with (default: the version the table was last synced to).")
    Long version;

    @Option(names = "--jdbc-url", paramLabel = "URL",
            description = "jdbc:postgresql://host:port/db?user=..&password=.. (default: $LAKESYNC_JDBC_URL, else the embedded PostgreSQL).")
    String jdbcUrl;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        TableName table = TableName.parse(target);
        String url = TargetDatabase.resolve(jdbcUrl, System.err);
        try (PostgresSink sink = PostgresSink.connect(url)) {
            Verification.Result result = new Verification(DeltaTableSource.open(source), sink)
                    .run(table, version == null ? OptionalLong.empty() : OptionalLong.of(version), MAX_KEYS);
            Comparison c = result.comparison();
            if (c.equal()) {
                out.printf(Locale.ROOT, "lakesync: %s equals %s at version %d (%,d rows)%n",
                        table, source, result.version().version(), c.targetRows());
                out.flush();
                return 0;
            }
            out.printf(Locale.ROOT, "lakesync: %s DIFFERS from %s at version %d: source %,d rows, target %,d rows;"
                            + " %,d source rows missing or different in the target, %,d target rows not in the source%n",
                    table, source, result.version().version(), c.sourceRows(), c.targetRows(),
                    c.missingOrDifferentInTarget(), c.extraOrDifferentInTarget());
            out.println("First differing keys:");
            c.sampleKeys().forEach(key -> out.println("  " + key));
            out.println("Fix: run `lakesync sync` for this table again (a snapshot sync replaces the whole table).");
            out.flush();
            return LakesyncCli.EXIT_DIFFERENT;
        }
    }
}
