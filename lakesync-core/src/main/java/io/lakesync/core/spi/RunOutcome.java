package io.lakesync.core.spi;

import java.util.OptionalLong;

/** Counters of one run as stored in the run history. */
public record RunOutcome(OptionalLong fromVersion, OptionalLong toVersion, long rowsWritten, long rowsSkipped) {

    public static RunOutcome nothing() {
        return new RunOutcome(OptionalLong.empty(), OptionalLong.empty(), 0, 0);
    }
}
