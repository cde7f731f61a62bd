package io.lakesync.bench;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.SplittableRandom;

/**
 * The rows of {@link BenchTableShape}, generated one at a time from a fixed seed: the same count
 * always gives the same table, and no more than one row is held, so any size fits in a small heap.
 * Every non-key column is null in about one row out of twenty.
 */
final class BenchRows implements Iterator<Object[]> {

    private static final long SEED = 20_261_126L;
    private static final int NULL_ONE_IN = 20;
    private static final long MICROS_2020 = 1_577_836_800_000_000L;
    private static final long MICROS_PER_5_YEARS = 5L * 365 * 24 * 3600 * 1_000_000;
    private static final String CODE_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
    private static final String[] WORDS = {
        "alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliett",
        "kilo", "lima", "mike", "november", "oscar", "papa", "quebec", "romeo", "sierra", "tango",
        "uniform", "victor", "whiskey", "xray", "yankee", "zulu", "order", "shipped", "pending",
        "customer", "warehouse", "invoice", "refund", "express", "standard", "priority", "returned",
        "bicycle", "lamp", "kettle", "chair", "table", "sofa", "pillow", "blanket", "mirror", "clock",
        "naïve", "café", "Zürich", "東京", "données"};

    private final long count;
    private final SplittableRandom random = new SplittableRandom(SEED);
    private long next;

    BenchRows(long count) {
        this.count = count;
    }

    @Override
    public boolean hasNext() {
        return next < count;
    }

    @Override
    public Object[] next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        long id = next++;
        return new Object[] {
            id,
            nullable(random.nextInt()),
            nullable(random.nextLong()),
            nullable(random.nextDouble() * 2_000_000 - 1_000_000),
            nullable(BigDecimal.valueOf(random.nextLong(-100_000_000_000_000L, 100_000_000_000_000L), 4)),
            nullable(code()),
            nullable(description()),
            // from 1901 to 2052: dates before 1970 too
            nullable(LocalDate.ofEpochDay(random.nextInt(-25_000, 30_000))),
            nullable(instant(MICROS_2020 + random.nextLong(MICROS_PER_5_YEARS))),
            nullable(random.nextBoolean()),
        };
    }

    /** The value, or null one time in {@link #NULL_ONE_IN}; always draws, so values do not depend on nulls. */
    private Object nullable(Object value) {
        return random.nextInt(NULL_ONE_IN) == 0 ? null : value;
    }

    private String code() {
        char[] chars = new char[10];
        chars[0] = 'S';
        chars[1] = 'K';
        chars[2] = 'U';
        chars[3] = '-';
        for (int i = 4; i < chars.length; i++) {
            chars[i] = CODE_ALPHABET.charAt(random.nextInt(CODE_ALPHABET.length()));
        }
        return new String(chars);
    }

    private String description() {
        int words = 6 + random.nextInt(7);
        StringBuilder text = new StringBuilder(96);
        for (int i = 0; i < words; i++) {
            if (i > 0) {
                text.append(' ');
            }
            text.append(WORDS[random.nextInt(WORDS.length)]);
        }
        return text.toString();
    }

    private static Instant instant(long micros) {
        return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1_000L);
    }
}
