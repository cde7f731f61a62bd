package io.lakesync.bench;

import java.time.Instant;

/**
 * The one Delta version {@code bench/run incremental} applies, on top of the 1M rows of
 * {@link BenchRows} (ids 0 to 999,999, 100k per file): ids 0-99,999 are updated, ids
 * 100,000-109,999 deleted, ids 1,000,000-1,009,999 inserted. The updated and deleted ids live in
 * the first two files only, as a MERGE concentrated on a key range touches few files; a MERGE
 * without Change Data Feed rewrites those files whole, so the new version also re-adds the
 * 90k untouched rows of the second file.
 */
final class IncrementalChange {

    static final long BASE_ROWS = 1_000_000;
    static final int ROWS_PER_FILE = 100_000;

    static final long UPDATED_FROM = 0;
    static final long UPDATED_TO = 100_000;
    static final long DELETED_FROM = 100_000;
    static final long DELETED_TO = 110_000;
    static final long INSERTED_FROM = BASE_ROWS;
    static final long INSERTED_TO = BASE_ROWS + 10_000;
    /** The ids of the files the change rewrites: the two files holding every updated and deleted id. */
    static final long REWRITTEN_TO = 2L * ROWS_PER_FILE;

    static final long UPDATED = UPDATED_TO - UPDATED_FROM;
    static final long DELETED = DELETED_TO - DELETED_FROM;
    static final long INSERTED = INSERTED_TO - INSERTED_FROM;
    /** Rows the change really changes: what the rows/s figures count. */
    static final long CHANGED_ROWS = UPDATED + DELETED + INSERTED;

    /** Text every updated description starts with: how the check tells updated rows apart. */
    static final String UPDATED_MARK = "updated ";
    private static final long UPDATED_AT_MICROS = Instant.parse("2026-01-01T00:00:00Z").toEpochMilli() * 1000;

    private IncrementalChange() {
    }

    static boolean isUpdated(long id) {
        return id >= UPDATED_FROM && id < UPDATED_TO;
    }

    static boolean isDeleted(long id) {
        return id >= DELETED_FROM && id < DELETED_TO;
    }

    static boolean isInserted(long id) {
        return id >= INSERTED_FROM && id < INSERTED_TO;
    }

    /** Rows the raw limit upserts: the updated and the inserted ones (untouched re-added rows change nothing). */
    static boolean isUpserted(long id) {
        return isUpdated(id) || isInserted(id);
    }

    /** Whether a row of the base table is in a file the change rewrites. */
    static boolean isRewritten(long id) {
        return id >= 0 && id < REWRITTEN_TO;
    }

    /**
     * The updated row: three of the ten columns change (a counter, a text, the timestamp), as a
     * typical update does, and every updated row differs from its old version.
     */
    static Object[] update(Object[] row) {
        Object[] updated = row.clone();
        Integer quantity = (Integer) row[1];
        updated[1] = quantity == null ? 1 : quantity + 1;
        String description = (String) row[6];
        updated[6] = UPDATED_MARK + (description == null ? "" : description);
        long id = (Long) row[0];
        long micros = UPDATED_AT_MICROS + id;
        updated[8] = Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000), Math.floorMod(micros, 1_000_000) * 1000L);
        return updated;
    }
}
