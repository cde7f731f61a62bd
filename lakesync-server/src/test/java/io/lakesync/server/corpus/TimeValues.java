package io.lakesync.server.corpus;

import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** Delta stores TIMESTAMP and TIMESTAMP_NTZ as microseconds since 1970-01-01T00:00 (UTC for TIMESTAMP). */
final class TimeValues {

    private TimeValues() {
    }

    static LocalDateTime utcDateTime(long micros) {
        long seconds = Math.floorDiv(micros, 1_000_000L);
        int nanos = (int) Math.floorMod(micros, 1_000_000L) * 1000;
        return LocalDateTime.ofEpochSecond(seconds, nanos, ZoneOffset.UTC);
    }
}
