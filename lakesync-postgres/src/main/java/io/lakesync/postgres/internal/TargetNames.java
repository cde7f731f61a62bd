package io.lakesync.postgres.internal;

import io.lakesync.core.error.ErrorCode;
import io.lakesync.core.error.LakesyncException;
import io.lakesync.core.model.TableName;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The names one snapshot load uses next to its target {@code schema.table}: the shadow it loads
 * into, the name the live table takes while it is swapped out, and the primary key constraints.
 * All stay within PostgreSQL's 63-byte limit and carry a random tag, so concurrent loads and
 * leftovers never collide.
 *
 * @param live the target table
 * @param shadow the table the rows are loaded into, swapped in on commit
 * @param retired the name the old live table takes just before it is dropped
 * @param shadowKey the primary key constraint (and index) of the shadow
 * @param liveKey the name that constraint takes once the shadow is live
 */
public record TargetNames(TableName live, String shadow, String retired, String shadowKey, String liveKey) {

    private static final String KEY_SUFFIX = "_pkey";

    public static TargetNames forLoad(TableName live) {
        requireFits(live.schema(), "schema");
        requireFits(live.table(), "table");
        long eightBase36Digits = 36L * 36 * 36 * 36 * 36 * 36 * 36;
        String tag = Long.toString(ThreadLocalRandom.current().nextLong(eightBase36Digits, 36 * eightBase36Digits), 36);
        String shadowSuffix = "_lsnew_" + tag;
        String retiredSuffix = "_lsold_" + tag;
        int room = Sql.MAX_IDENTIFIER_BYTES - KEY_SUFFIX.length() - shadowSuffix.length();
        String shadow = Sql.truncateUtf8(live.table(), room) + shadowSuffix;
        String retired = Sql.truncateUtf8(live.table(), room) + retiredSuffix;
        String liveKey = Sql.truncateUtf8(live.table(), Sql.MAX_IDENTIFIER_BYTES - KEY_SUFFIX.length()) + KEY_SUFFIX;
        return new TargetNames(live, shadow, retired, shadow + KEY_SUFFIX, liveKey);
    }

    public String qualifiedLive() {
        return Sql.qualified(live);
    }

    public String qualifiedShadow() {
        return Sql.qualified(live.schema(), shadow);
    }

    public String qualifiedRetired() {
        return Sql.qualified(live.schema(), retired);
    }

    private static void requireFits(String name, String what) {
        if (Sql.utf8Length(name) > Sql.MAX_IDENTIFIER_BYTES) {
            throw new LakesyncException(ErrorCode.INVALID_ARGUMENT, "The target " + what + " name '" + name
                    + "' is longer than PostgreSQL's limit of 63 bytes. Choose a shorter --target.");
        }
    }
}
