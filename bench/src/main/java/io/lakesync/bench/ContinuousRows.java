package io.lakesync.bench;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * The rows the continuous writer commits, in the columns of {@link BenchTableShape}: mostly new
 * keys, and one row in five a new version of a key written before (an update: the table is synced
 * with {@code --timeseries-key updated_at}, and {@code updated_at} is the write time). Seeded, so
 * every run writes the same keys and values; only the timestamps differ.
 */
final class ContinuousRows {

    /** One row in this many re-writes an existing key. */
    private static final int UPDATE_ONE_IN = 5;
    static final String TIMESERIES_KEY = "updated_at";

    private final SplittableRandom random;
    private long nextId;

    ContinuousRows(long seed, long firstId) {
        this.random = new SplittableRandom(seed);
        this.nextId = firstId;
    }

    long nextId() {
        return nextId;
    }

    /** {@code count} rows of distinct keys, all stamped {@code now}. */
    List<Object[]> next(int count, Instant now) {
        List<Object[]> rows = new ArrayList<>(count);
        java.util.Set<Long> keys = new java.util.HashSet<>();
        while (rows.size() < count) {
            long id = nextId > 0 && random.nextInt(UPDATE_ONE_IN) == 0 ? random.nextLong(nextId) : nextId++;
            if (keys.add(id)) {
                rows.add(row(id, now));
            }
        }
        return rows;
    }

    private Object[] row(long id, Instant now) {
        return new Object[] {
            id,
            random.nextInt(1000),
            random.nextLong(),
            random.nextDouble() * 1000,
            BigDecimal.valueOf(random.nextLong(100_000_000), 4),
            "SKU-" + Integer.toString(random.nextInt(1 << 20), 36),
            "event " + random.nextInt(10_000),
            LocalDate.ofEpochDay(18_000 + random.nextInt(3000)),
            now,
            random.nextBoolean(),
        };
    }
}
