package io.lakesync.server.corpus;

import io.lakesync.core.error.ErrorCode;
import java.util.List;
import java.util.Optional;

/**
 * One table of the corpus as {@code testdata/CORPUS.md} describes it: where it is, the primary key
 * to sync it with, its rows at the newest version (as surveyed with Kernel), and what the sync must
 * do: copy it, or refuse it with a named error code.
 *
 * @param path         folder of the table, relative to {@code testdata/}
 * @param primaryKey   the {@code --primary-key} columns
 * @param rows         rows at the newest version, when the table is readable
 * @param outcome      synced or refused
 */
record CorpusTable(String path, List<String> primaryKey, Optional<Long> rows, Outcome outcome) {

    /** What {@code lakesync sync} must do with the table. */
    sealed interface Outcome permits Synced, Refused {
    }

    /** Copied; {@code nullKeyRows} rows have a null key and are skipped. */
    record Synced(long nullKeyRows) implements Outcome {
    }

    /** Refused with {@code code}; {@code reason} says why (documentation only). */
    record Refused(ErrorCode code, String reason) implements Outcome {
    }

    boolean isDat() {
        return path.startsWith("dat/");
    }

    /**
     * The target table in PostgreSQL: the path made into one lower-case identifier, short enough
     * for PostgreSQL's 63-byte limit (the corpus paths are ASCII).
     */
    String targetTable() {
        String name = path.replaceFirst("/delta$", "").toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "_");
        return name.length() <= 63 ? name : name.substring(0, 63);
    }

    @Override
    public String toString() {
        if (outcome instanceof Refused r) {
            return path + " refused " + r.code();
        }
        return path + " synced by " + String.join(",", primaryKey);
    }
}
