package io.lakesync.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * One scrape of the server's {@code GET /metrics} (Prometheus text format), with the sums the
 * benchmark needs: a metric's value summed over the series whose labels match.
 */
final class ServerMetrics {

    /** One series: metric name, the label text between the braces (empty if none), value. */
    record Sample(String name, String labels, double value) {
        /** The value of label {@code key}, or null. */
        String label(String key) {
            String prefix = key + "=\"";
            int at = labels.startsWith(prefix) ? 0 : labels.indexOf("," + prefix);
            if (at < 0) {
                return null;
            }
            int start = labels.indexOf('"', at) + 1;
            return labels.substring(start, labels.indexOf('"', start));
        }
    }

    private final List<Sample> samples;

    private ServerMetrics(List<Sample> samples) {
        this.samples = samples;
    }

    static ServerMetrics parse(String text) {
        List<Sample> samples = new ArrayList<>();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int valueAt = line.lastIndexOf(' ');
            int braces = line.indexOf('{');
            boolean labelled = braces >= 0 && braces < valueAt;
            String name = labelled ? line.substring(0, braces) : line.substring(0, valueAt).trim();
            String labels = labelled ? line.substring(braces + 1, line.lastIndexOf('}')) : "";
            samples.add(new Sample(name, labels, Double.parseDouble(line.substring(valueAt + 1))));
        }
        return new ServerMetrics(samples);
    }

    /** The sum of a metric over all its series; 0 when absent. */
    double sum(String name) {
        return sum(name, s -> true);
    }

    double sum(String name, Predicate<Sample> which) {
        return samples.stream().filter(s -> s.name().equals(name) && which.test(s)).mapToDouble(Sample::value).sum();
    }

    double max(String name) {
        return samples.stream().filter(s -> s.name().equals(name)).mapToDouble(Sample::value).max().orElse(0);
    }

    /** A histogram's cumulative bucket counts by upper bound ({@code le}), summed over matching series. */
    Map<Double, Double> buckets(String histogram, Predicate<Sample> which) {
        Map<Double, Double> byBound = new TreeMap<>();
        for (Sample s : samples) {
            if (s.name().equals(histogram + "_bucket") && which.test(s)) {
                String le = s.label("le");
                double bound = "+Inf".equals(le) ? Double.POSITIVE_INFINITY : Double.parseDouble(le);
                byBound.merge(bound, s.value(), Double::sum);
            }
        }
        return byBound;
    }

    /** Names of the series of {@code name} whose value is above zero, by label {@code key}. */
    List<String> labelsAboveZero(String name, String key) {
        return samples.stream().filter(s -> s.name().equals(name) && s.value() > 0).map(s -> s.label(key)).toList();
    }
}
