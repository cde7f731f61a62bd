package io.lakesync.testkit.delta;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/** Conversions between the writer's Java values and Delta's physical values (days, micros). */
public final class JavaValues {

    private JavaValues() {
    }

    public static int days(LocalDate date) {
        return Math.toIntExact(date.toEpochDay());
    }

    public static long micros(Instant instant) {
        return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000L), instant.getNano() / 1_000);
    }

    public static long micros(LocalDateTime local) {
        return micros(local.toInstant(ZoneOffset.UTC));
    }

    public static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1_000L);
    }

    public static LocalDateTime localDateTime(long micros) {
        return LocalDateTime.ofInstant(instant(micros), ZoneOffset.UTC);
    }

    /** The decimal at the column's scale; refuses values that would need rounding. */
    public static BigDecimal atScale(BigDecimal value, int scale) {
        return value.scale() == scale ? value : value.setScale(scale, RoundingMode.UNNECESSARY);
    }
}
