package io.lakesync.bench;

import java.util.Locale;

/**
 * Prints figures in one format across benchmarks: human lines first, then one machine-readable
 * {@code key=value} line last, which scripts and notes quote.
 */
final class ResultPrinter {

    private ResultPrinter() {
    }

    static void line(String format, Object... args) {
        System.out.println(String.format(Locale.ROOT, format, args));
    }

    static void timings(Timings t, long rows) {
        line("%-28s median %6.2f s  %,10.0f rows/s   runs (s): %s", t.name(), t.medianNanos() / 1e9,
                t.medianRowsPerSecond(rows), String.join(" ", t.runsInSeconds()));
    }

    /** The last line of a benchmark's output. */
    static void summary(String keyValues) {
        System.out.println(keyValues);
        System.out.flush();
    }
}
