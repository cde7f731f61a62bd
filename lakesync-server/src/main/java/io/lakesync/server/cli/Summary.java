package io.lakesync.server.cli;

import io.lakesync.core.engine.SyncReport;
import io.lakesync.core.model.SyncedTableSpec;
import io.lakesync.core.spi.SnapshotResult;
import java.util.Locale;

/** The one line every successful sync ends with: what version landed where, how many rows, how fast. */
final class Summary {

    private Summary() {
    }

    /** The line of a triggered sync or of one continuous apply ({@code elapsedNanos} < 0: not timed). */
    static String of(SyncedTableSpec table, SyncReport report, long elapsedNanos) {
        String timing = elapsedNanos < 0 ? "" : String.format(Locale.ROOT, " in %.2f s", elapsedNanos / 1e9);
        switch (report.kind()) {
            case UP_TO_DATE:
                return String.format(Locale.ROOT, "lakesync: %s is already at the newest version %d of %s%s",
                        table.target(), report.toVersion(), table.source(), timing);
            case SNAPSHOT:
            case HISTORY_FALLBACK_SNAPSHOT:
                String why = report.kind() == SyncReport.Kind.SNAPSHOT ? "first sync: full snapshot"
                        : "history after the last synced version is gone: full snapshot";
                return of(table, report.snapshot().orElseThrow(), Math.max(0, elapsedNanos)) + " (" + why + ")";
            default:
                return String.format(Locale.ROOT,
                        "lakesync: applied %s versions %d..%d to %s: %,d inserted, %,d updated, %,d deleted,"
                                + " %,d skipped (null key) in %d transaction(s)%s",
                        table.source(), report.fromVersion() + 1, report.toVersion(), table.target(),
                        report.rowsInserted(), report.rowsUpdated(), report.rowsDeleted(), report.rowsSkipped(),
                        report.transactions(), timing);
        }
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
