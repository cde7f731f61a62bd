package io.lakesync.bench;

import java.util.ArrayList;
import java.util.List;

/** The repeated timings of one contender; the median is what gets reported, being robust to one slow run. */
final class Timings {

    private final String name;
    private final List<Long> nanos = new ArrayList<>();

    Timings(String name) {
        this.name = name;
    }

    void add(long elapsedNanos) {
        nanos.add(elapsedNanos);
    }

    String name() {
        return name;
    }

    long medianNanos() {
        List<Long> sorted = new ArrayList<>(nanos);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    double medianRowsPerSecond(long rows) {
        return rows / (medianNanos() / 1e9);
    }

    /** Each run in seconds, for the reader to judge the spread. */
    List<String> runsInSeconds() {
        return nanos.stream().map(n -> String.format("%.2f", n / 1e9)).toList();
    }
}
