package io.lakesync.postgres.internal.copy;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * ISO-8601 text of source dates and timestamps, always with six fractional digits so that the
 * text keeps the full microsecond precision: {@code 2024-05-01T12:00:00.000000Z} (TIMESTAMP, UTC)
 * or without the {@code Z} (TIMESTAMP_NTZ).
 */
public final class IsoTimes {

    private IsoTimes() {
    }

    public static void appendDate(int epochDay, StringBuilder out) {
        out.append(LocalDate.ofEpochDay(epochDay));
    }

    public static void appendTimestamp(long epochMicros, boolean utc, StringBuilder out) {
        long seconds = Math.floorDiv(epochMicros, 1_000_000L);
        int micros = (int) Math.floorMod(epochMicros, 1_000_000L);
        LocalDateTime t = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
        out.append(t.toLocalDate()).append('T');
        pad(out, t.getHour(), 2).append(':');
        pad(out, t.getMinute(), 2).append(':');
        pad(out, t.getSecond(), 2).append('.');
        pad(out, micros, 6);
        if (utc) {
            out.append('Z');
        }
    }

    private static StringBuilder pad(StringBuilder out, int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            out.append('0');
        }
        return out.append(digits);
    }
}
