package io.lakesync.bench;

/**
 * One measured scenario of the serving benchmark.
 *
 * @param latencyNanos latencies of the successful requests
 * @param errors failed requests (wrong status, exception) in the measured span
 * @param firstFailure the first exception any client saw (warm-up included), or null
 */
record ServingResult(String scenario, int clients, Percentiles latencyNanos, long errors, double seconds,
        ClosedLoop.CpuSplit cpu, String firstFailure) {

    double perSecond() {
        return latencyNanos.count() / seconds;
    }

    double p50Millis() {
        return latencyNanos.at(50) / 1e6;
    }

    double p99Millis() {
        return latencyNanos.at(99) / 1e6;
    }

    double maxMillis() {
        return latencyNanos.max() / 1e6;
    }
}
