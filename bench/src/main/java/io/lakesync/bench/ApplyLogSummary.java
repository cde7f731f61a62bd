package io.lakesync.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The phases of the applies a continuous sync logged (one INFO line per committed transaction of
 * {@code PostgresIncrementalApply}), summarised: how many applies, how many versions each took in,
 * and the medians and p99 of the sink's phases.
 */
final class ApplyLogSummary {

    private static final Pattern APPLIED = Pattern.compile("Applied versions (\\d+) to (\\d+) of .*?: (\\d+) change"
            + " rows staged.*end of copy (\\d+) ms, schema (\\d+) ms, collapse and merge (\\d+) ms, commit (\\d+) ms");

    private ApplyLogSummary() {
    }

    static void print(List<String> log) {
        List<long[]> applies = new ArrayList<>();
        for (String line : log) {
            Matcher m = APPLIED.matcher(line);
            if (m.find()) {
                long[] values = new long[7];
                for (int i = 0; i < values.length; i++) {
                    values[i] = Long.parseLong(m.group(i + 1));
                }
                applies.add(values);
            }
        }
        if (applies.isEmpty()) {
            ResultPrinter.line("apply log: no apply lines found (the log format may have changed)");
            return;
        }
        long[] versions = applies.stream().mapToLong(a -> a[1] - a[0] + 1).toArray();
        Percentiles perApply = new Percentiles(versions);
        ResultPrinter.line("apply log: %d applies, %.2f versions per apply (max %d), %.0f change rows per apply",
                applies.size(), perApply.mean(), perApply.max(), applies.stream().mapToLong(a -> a[2]).average().orElse(0));
        String[] phases = {"end of copy", "schema", "collapse and merge", "commit"};
        StringBuilder line = new StringBuilder("apply log: sink phases in ms (p50/p99/max):");
        for (int p = 0; p < phases.length; p++) {
            int column = 3 + p;
            Percentiles phase = new Percentiles(applies.stream().mapToLong(a -> a[column]).toArray());
            line.append(String.format(java.util.Locale.ROOT, " %s %d/%d/%d;", phases[p], phase.at(50), phase.at(99),
                    phase.max()));
        }
        ResultPrinter.line(line.toString());
    }
}
