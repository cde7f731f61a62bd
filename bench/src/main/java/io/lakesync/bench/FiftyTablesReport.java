package io.lakesync.bench;

import io.lakesync.core.model.TableName;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.OptionalLong;

/**
 * The lags of {@code bench/run fifty-tables}, per table and overall. A table keeps its SLA the
 * whole time exactly when every one of its commits was visible within the SLA: the age of the
 * oldest unapplied commit is what a reader would see as staleness, and it peaks at that commit's lag.
 */
final class FiftyTablesReport {

    private static final int TABLES_PER_LINE = 10;

    /** One table's figures; {@code unseen} commits never became visible before the run ended. */
    record TableLag(int index, TableName target, Percentiles lags, int unseen) {
        boolean withinSla() {
            return unseen == 0 && lags.max() <= FiftyTablesOptions.SLA_MILLIS;
        }
    }

    private final List<TableLag> tables;
    private final Percentiles overall;
    private final int unseen;

    private FiftyTablesReport(List<TableLag> tables, Percentiles overall, int unseen) {
        this.tables = tables;
        this.overall = overall;
        this.unseen = unseen;
    }

    static FiftyTablesReport of(List<List<StaggeredWriters.Commit>> byTable, TableWatermarks watermarks,
            List<TableName> targets) {
        List<TableLag> tables = new ArrayList<>();
        List<Long> all = new ArrayList<>();
        int unseen = 0;
        for (int i = 0; i < byTable.size(); i++) {
            List<Long> lags = new ArrayList<>();
            int missing = 0;
            for (StaggeredWriters.Commit commit : byTable.get(i)) {
                OptionalLong lag = FiftyTablesBenchmark.lag(commit, watermarks);
                if (lag.isPresent()) {
                    lags.add(lag.getAsLong());
                } else {
                    missing++;
                }
            }
            all.addAll(lags);
            unseen += missing;
            tables.add(new TableLag(i, targets.get(i), new Percentiles(toArray(lags)), missing));
        }
        return new FiftyTablesReport(tables, new Percentiles(toArray(all)), unseen);
    }

    Percentiles overall() {
        return overall;
    }

    /** Every table's p99 lag, ten to a line, then the three worst tables by name. */
    void printPerTable() {
        StringBuilder line = new StringBuilder();
        ResultPrinter.line("p99 lag per table (ms), tables t000..t%03d:", tables.size() - 1);
        for (TableLag t : tables) {
            line.append(String.format(Locale.ROOT, " t%03d=%-6d", t.index(), t.lags().at(99)));
            if ((t.index() + 1) % TABLES_PER_LINE == 0) {
                ResultPrinter.line(" %s", line.toString().stripTrailing());
                line.setLength(0);
            }
        }
        if (line.length() > 0) {
            ResultPrinter.line(" %s", line.toString().stripTrailing());
        }
        StringBuilder worst = new StringBuilder("worst tables (p99 / max ms):");
        tables.stream().sorted(Comparator.comparingLong((TableLag t) -> t.lags().max()).reversed()).limit(3)
                .forEach(t -> worst.append(String.format(Locale.ROOT, " %s %d/%d%s;", t.target(), t.lags().at(99),
                        t.lags().max(), t.unseen() > 0 ? " (" + t.unseen() + " commits never seen)" : "")));
        ResultPrinter.line(worst.toString());
    }

    void printOverall(FiftyTablesOptions options) {
        long breaching = tables.stream().filter(t -> !t.withinSla()).count();
        ResultPrinter.line("lag from commit file time to visible in PostgreSQL over %d commits (ms): p50 %d (floor:"
                + " the server's poll interval %d ms), p90 %d, p99 %d, max %d, mean %.0f%s", overall.count(),
                overall.at(50), options.pollIntervalMillis(), overall.at(90), overall.at(99), overall.max(),
                overall.mean(), unseen > 0 ? "; " + unseen + " commits never became visible" : "");
        ResultPrinter.line("%d s SLA: %s", FiftyTablesOptions.SLA_MILLIS / 1000, breaching == 0
                ? "every table stayed within it the whole time"
                : breaching + " of " + tables.size() + " tables went over it at least once");
    }

    private static long[] toArray(List<Long> values) {
        return values.stream().mapToLong(Long::longValue).toArray();
    }
}
