package io.lakesync.examples.simulator;

import java.nio.file.Path;
import java.time.Duration;

/**
 * How the simulator runs; {@link SimulatorMain} documents each setting.
 *
 * @param duration how long to stream; zero streams until {@link Simulator#stop()}
 */
public record SimulatorOptions(Path table, long seed, int initialIncidents, Duration newInterval,
        int maxNewPerCommit, Duration rescoreInterval, double rescoreFraction, double retractProbability,
        Duration duration, int checkpointInterval, int rowsPerFile, String modelVersion) {

    public static final String FIRST_MODEL_VERSION = "escalation-gbm-2026.11.3";

    public SimulatorOptions {
        require(initialIncidents >= 0, "--initial must be 0 or more");
        require(!newInterval.isNegative() && !newInterval.isZero(), "--new-interval-ms must be positive");
        require(maxNewPerCommit >= 1, "--max-new-per-commit must be 1 or more");
        require(!rescoreInterval.isNegative() && !rescoreInterval.isZero(), "--rescore-interval-ms must be positive");
        require(rescoreFraction >= 0 && rescoreFraction <= 1, "--rescore-fraction must be between 0 and 1");
        require(retractProbability >= 0 && retractProbability <= 1, "--retract-probability must be between 0 and 1");
        require(!duration.isNegative(), "--duration must be 0 (until stopped) or more");
        require(checkpointInterval >= 0, "--checkpoint-interval must be 0 (none) or more");
        require(rowsPerFile >= 1, "--rows-per-file must be 1 or more");
    }

    /** The defaults of the command line, for the table at {@code table}. */
    public static SimulatorOptions defaults(Path table) {
        return new SimulatorOptions(table, 42, 200, Duration.ofSeconds(1), 3, Duration.ofSeconds(5), 0.1, 0.05,
                Duration.ZERO, 100, 100, FIRST_MODEL_VERSION);
    }

    private static void require(boolean ok, String message) {
        if (!ok) {
            throw new IllegalArgumentException(message);
        }
    }
}
