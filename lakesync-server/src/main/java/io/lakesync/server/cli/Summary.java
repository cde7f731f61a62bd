package io.lakesync.server.cli;

import io.lakesync.core.model.SyncedTableSpec;
import io.lakesync.core.spi.SnapshotResult;
import java.util.Locale;

/** The one line every successful sync ends with: what version landed where, how many rows, how fast. */
final class Summary {

    private Summary() {
    }

    static String of(SyncedTableSpec table, SnapshotResult result, long elapsedNanos) {
        double seconds = elapsedNanos / 1e9;
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT,
                "lakesync: synced %s version %d into %s: %,d rows written, %,d rows skipped (null key)",
                table.source(), result.version().version(), table.target(), result.rowsWritten(), result.rowsSkipped()));
        if (result.duplicatesResolved() > 0) {
            line.append(String.format(Locale.ROOT, ", %,d older duplicates dropped", result.duplicatesResolved()));
        }
        if (result.textValuesReplaced() > 0) {
            line.append(String.format(Locale.ROOT, ", %,d strings with NUL replaced", result.textValuesReplaced()));
        }
        line.append(String.format(Locale.ROOT, " in %.2f s (%,.0f rows/s)", seconds,
                seconds > 0 ? result.rowsWritten() / seconds : 0.0));
        return line.toString();
    }
}
