package io.lakesync.server.cli;

import io.lakesync.client.model.Freshness;
import io.lakesync.client.model.Lag;
import io.lakesync.client.model.LastError;
import io.lakesync.client.model.LastSync;
import io.lakesync.client.model.Preview;
import io.lakesync.client.model.Progress;
import io.lakesync.client.model.Run;
import io.lakesync.client.model.SampleKeys;
import io.lakesync.client.model.ScheduleStatus;
import io.lakesync.client.model.SyncStatus;
import io.lakesync.client.model.SyncedTable;
import io.lakesync.client.model.TableSpec;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The human forms of the API's answers for {@code lakesync tables}: an aligned table for lists,
 * labelled lines for one table. {@code now} is a parameter so "35s ago" is testable.
 */
final class TableFormat {

    static final String NONE = "-";

    private TableFormat() {
    }

    /** NAME STATE VERSION LAG ROWS SLA LAST SYNC, one line per table. */
    static String list(List<SyncedTable> tables, Instant now) {
        if (tables.isEmpty()) {
            return "No synced tables. Create one with `lakesync apply -f tables.yaml`.\n";
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"NAME", "STATE", "VERSION", "LAG", "ROWS", "SLA", "LAST SYNC"});
        for (SyncedTable table : tables) {
            SyncStatus status = table.dataSynchronizationStatus();
            LastSync last = status == null ? null : status.lastSync();
            rows.add(new String[] {
                table.name(),
                state(table),
                last == null || last.deltaCommitVersion() == null ? NONE : String.valueOf(last.deltaCommitVersion()),
                status == null ? NONE : lag(status.lag()),
                status == null || status.rowCount() == null ? NONE : count(status.rowCount()),
                status == null ? NONE : sla(status.freshness()),
                last == null || last.syncEndTimestamp() == null ? NONE : ago(last.syncEndTimestamp(), now)});
        }
        return columns(rows);
    }

    /** One table, a labelled line per fact; lines without a value are left out. */
    static String details(SyncedTable table, Instant now) {
        Lines lines = new Lines();
        lines.add("name", table.name());
        lines.add("state", state(table));
        SyncStatus status = table.dataSynchronizationStatus();
        if (status != null) {
            lines.add("message", status.message());
        }
        TableSpec spec = table.spec();
        if (spec != null) {
            lines.add("source", spec.sourceTable());
            lines.add("primary key", join(spec.primaryKeyColumns()));
            lines.add("timeseries key", spec.timeseriesKey());
            lines.add("policy", (spec.schedulingPolicy() == null ? NONE : spec.schedulingPolicy().name())
                    + (spec.schedule() == null ? "" : ", " + spec.schedule().describe()));
            lines.add("columns", join(spec.columns()));
            lines.add("extra indexes", spec.extraIndexDefinitions() == null ? null
                    : String.join("; ", spec.extraIndexDefinitions()));
        }
        if (status != null) {
            statusLines(status, now, lines);
        }
        lines.add("created", at(table.createdAt(), now));
        lines.add("updated", at(table.updatedAt(), now));
        return lines.toString();
    }

    private static void statusLines(SyncStatus status, Instant now, Lines lines) {
        LastSync last = status.lastSync();
        if (last != null) {
            lines.add("last sync", "version " + (last.deltaCommitVersion() == null ? NONE : last.deltaCommitVersion())
                    + (last.deltaCommitTimestamp() == null ? "" : " (committed " + at(last.deltaCommitTimestamp(), now) + ")")
                    + (last.syncEndTimestamp() == null ? "" : ", synced " + at(last.syncEndTimestamp(), now))
                    + (last.syncStartTimestamp() == null || last.syncEndTimestamp() == null ? ""
                            : " in " + duration(Duration.between(last.syncStartTimestamp(), last.syncEndTimestamp()))));
        }
        lines.add("rows", status.rowCount() == null ? null : count(status.rowCount()));
        if (status.lag() != null) {
            lines.add("lag", lag(status.lag()));
        }
        Progress progress = status.progress();
        if (progress != null) {
            lines.add("progress", count(progress.syncedRowCount()) + " of "
                    + (progress.totalRowCount() == null ? "?" : count(progress.totalRowCount())) + " rows"
                    + (progress.completion() == null ? "" : String.format(Locale.ROOT, " (%.0f%%)", progress.completion() * 100))
                    + (progress.estimatedCompletionSeconds() == null ? ""
                            : ", about " + duration(Duration.ofSeconds(progress.estimatedCompletionSeconds())) + " left"));
        }
        Freshness freshness = status.freshness();
        if (freshness != null) {
            lines.add("freshness SLA", sla(freshness) + (freshness.breachedSince() == null ? ""
                    : " since " + at(freshness.breachedSince(), now)));
        }
        ScheduleStatus schedule = status.scheduleStatus();
        if (schedule != null) {
            lines.add("next run", (schedule.nextRunAt() == null ? NONE : at(schedule.nextRunAt(), now))
                    + (schedule.missedSlots() == null || schedule.missedSlots() == 0 ? ""
                            : " (" + schedule.missedSlots() + " slots missed while a run was going)"));
        }
        LastError error = status.lastError();
        if (error != null) {
            lines.add("last error", error.errorCode() + ": " + error.message()
                    + (error.at() == null ? "" : " (" + at(error.at(), now) + ")")
                    + (error.nextRetryAt() == null ? "" : "; retrying " + at(error.nextRetryAt(), now)));
        }
    }

    /** RUN STARTED DURATION MODE OUTCOME VERSIONS ROWS ERROR, newest first as the server sends them. */
    static String runs(List<Run> runs, Instant now) {
        if (runs.isEmpty()) {
            return "No runs yet.\n";
        }
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"RUN", "STARTED", "DURATION", "MODE", "OUTCOME", "VERSIONS", "ROWS", "ERROR"});
        for (Run run : runs) {
            rows.add(new String[] {
                String.valueOf(run.runId()),
                run.startedAt() == null ? NONE : at(run.startedAt(), now),
                run.startedAt() == null || run.endedAt() == null ? NONE
                        : duration(Duration.between(run.startedAt(), run.endedAt())),
                run.mode() == null ? NONE : run.mode(),
                run.outcome() == null ? NONE : run.outcome(),
                versions(run.fromVersion(), run.toVersion()),
                rowsOfRun(run),
                run.errorCode() == null ? "" : run.errorCode() + (run.errorMessage() == null ? "" : ": " + run.errorMessage())});
        }
        return columns(rows);
    }

    static String preview(String name, Preview preview) {
        StringBuilder out = new StringBuilder();
        out.append(preview.snapshot()
                ? "The next sync of " + name + " is a full snapshot" + (preview.toVersion() == null ? ""
                        : " of version " + preview.toVersion()) + ": every source row is loaded again.\n"
                : "The next sync of " + name + " applies " + versions(preview.fromVersion(), preview.toVersion())
                        + ":\n");
        out.append(String.format(Locale.ROOT, "  insert %s, update %s, delete %s rows%n",
                count(preview.rowsToInsert()), count(preview.rowsToUpdate()), count(preview.rowsToDelete())));
        SampleKeys keys = preview.sampleKeys();
        if (keys != null) {
            sample(out, "inserted", keys.insert());
            sample(out, "updated", keys.update());
            sample(out, "deleted", keys.delete());
        }
        return out.toString();
    }

    private static void sample(StringBuilder out, String what, List<String> keys) {
        if (!keys.isEmpty()) {
            out.append("  keys ").append(what).append(": ").append(String.join(", ", keys)).append('\n');
        }
    }

    static String state(SyncedTable table) {
        SyncStatus status = table.dataSynchronizationStatus();
        String state = status == null || status.detailedState() == null ? "UNKNOWN" : status.detailedState();
        return table.pausedOrFalse() ? state + " (paused)" : state;
    }

    /** "12s / 3v": seconds behind, then versions behind. */
    static String lag(Lag lag) {
        if (lag == null) {
            return NONE;
        }
        String seconds = lag.secondsBehind() == null ? "?" : duration(Duration.ofMillis(Math.round(lag.secondsBehind() * 1000)));
        return seconds + " / " + (lag.versionsBehind() == null ? "?" : lag.versionsBehind()) + "v";
    }

    static String sla(Freshness freshness) {
        if (freshness == null || freshness.slaSeconds() == null) {
            return NONE;
        }
        return duration(Duration.ofSeconds(freshness.slaSeconds())) + (Boolean.TRUE.equals(freshness.breached())
                ? " BREACHED" : " ok");
    }

    /** "0s", "45s", "3m05s", "2h03m", "4d02h": two units at most, enough to read at a glance. */
    static String duration(Duration duration) {
        long s = Math.max(0, duration.getSeconds());
        if (s == 0 && !duration.isZero() && !duration.isNegative()) {
            return String.format(Locale.ROOT, "%.1fs", duration.toMillis() / 1000.0);
        }
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        if (s < 86400) {
            return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
        }
        return String.format(Locale.ROOT, "%dd%02dh", s / 86400, (s % 86400) / 3600);
    }

    static String ago(Instant then, Instant now) {
        Duration gap = Duration.between(then, now);
        return gap.isNegative() ? "in " + duration(gap.negated()) : duration(gap) + " ago";
    }

    private static String at(Instant instant, Instant now) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.SECONDS) + " (" + ago(instant, now) + ")";
    }

    private static String versions(Long from, Long to) {
        if (from == null && to == null) {
            return NONE;
        }
        if (from == null || from.equals(to)) {
            return "version " + to;
        }
        return "versions " + from + " to " + to;
    }

    private static String rowsOfRun(Run run) {
        if (run.rowsInserted() + run.rowsUpdated() + run.rowsDeleted() == 0) {
            return count(run.rowsWritten());
        }
        return String.format(Locale.ROOT, "+%s ~%s -%s", count(run.rowsInserted()), count(run.rowsUpdated()),
                count(run.rowsDeleted()));
    }

    private static String count(long n) {
        return String.format(Locale.ROOT, "%,d", n);
    }

    private static String join(List<String> values) {
        return values == null || values.isEmpty() ? null : String.join(", ", values);
    }

    /** Left-aligned columns two spaces apart; the last column is not padded, so lines have no trailing blanks. */
    static String columns(List<String[]> rows) {
        if (rows.isEmpty()) {
            return "";
        }
        int[] widths = new int[rows.get(0).length];
        for (String[] row : rows) {
            for (int i = 0; i < row.length; i++) {
                widths[i] = Math.max(widths[i], row[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < row.length; i++) {
                line.append(i == row.length - 1 ? row[i] : String.format(Locale.ROOT, "%-" + widths[i] + "s  ", row[i]));
            }
            out.append(line.toString().stripTrailing()).append('\n');
        }
        return out.toString();
    }

    /** "label:  value" lines with the values aligned; null values are skipped. */
    private static final class Lines {
        private final List<String[]> lines = new ArrayList<>();

        void add(String label, String value) {
            if (value != null && !value.isBlank()) {
                lines.add(new String[] {label + ":", value});
            }
        }

        @Override
        public String toString() {
            return columns(lines);
        }
    }
}
