package io.lakesync.server.incremental;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakesync.testkit.TestPostgres;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * TRIGGERED mode version by version (issue 3 items 2, 3 and 7): a table written by delta-spark is
 * published one commit at a time; after each commit a triggered sync must bring PostgreSQL to
 * exactly that version (verify equal, watermark = the version), count what it did truthfully,
 * and leave rows it did not change untouched (same xmin), which is what makes OPTIMIZE, metadata
 * changes and rewrites of unchanged rows invisible.
 */
class TriggeredSyncIT {

    @TempDir
    Path tmp;

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"operations-cdf", "operations-nocdf", "deletion-vectors-cdf", "deletion-vectors-nocdf"})
    void followsEveryVersionOneByOne(String fixture) {
        String jdbcUrl = TestPostgres.newDatabase();
        TargetDb db = new TargetDb(jdbcUrl);
        LiveDeltaTable table = LiveDeltaTable.stage(SparkFixtures.table(fixture), tmp);
        List<String> statements = table.statements();
        String target = "inc." + fixture.replace('-', '_');

        table.publishThrough(0);
        Cli first = Cli.triggered(table.path(), target, jdbcUrl);
        assertEquals(0, first.exitCode(), first::toString);
        assertTrue(first.out().contains("first sync: full snapshot"), first::toString);
        assertEquals(OptionalLong.of(0), db.watermark(target));
        Cli verifyFirst = Cli.verify(table.path(), target, jdbcUrl);
        assertEquals(0, verifyFirst.exitCode(), verifyFirst::toString);

        List<String> problems = new ArrayList<>();
        Map<Long, TargetDb.StoredRow> before = db.rows(target);
        while (table.published() < table.newestFixtureVersion()) {
            long version = table.publishNext();
            String what = fixture + " version " + version + " (" + statements.get((int) version) + ")";
            Cli sync = Cli.triggered(table.path(), target, jdbcUrl);
            if (sync.exitCode() != 0) {
                problems.add(what + ": triggered sync failed:\n" + sync);
                break; // every later version would fail the same way
            }
            OptionalLong watermark = db.watermark(target);
            if (!watermark.equals(OptionalLong.of(version))) {
                problems.add(what + ": watermark " + watermark + ", expected " + version);
            }
            Cli verify = Cli.verify(table.path(), target, jdbcUrl);
            if (verify.exitCode() != 0 || !verify.out().contains("at version " + version + " ")) {
                problems.add(what + ": verify at the watermark is not equal to version " + version + ":\n" + verify);
            }
            Map<Long, TargetDb.StoredRow> after = db.rows(target);
            problems.addAll(countsAndUntouchedRows(what, sync, db.lastRun(target), RowDiff.between(before, after),
                    version, changesNoRow(statements.get((int) version))));
            before = after;
        }
        assertTrue(problems.isEmpty(), () -> String.join("\n\n", problems));
        assertEquals(OptionalLong.of(table.newestFixtureVersion()), db.watermark(target));
        List<String> history = RunHistoryCheck.exactlyOnce(db.runs(target), table.newestFixtureVersion());
        assertTrue(history.isEmpty(), () -> String.join("\n", history) + "\nruns: " + db.runs(target));
    }

    /** The run's counters (summary line and lakesync.runs) against what changed in PostgreSQL. */
    private static List<String> countsAndUntouchedRows(String what, Cli sync, TargetDb.Run run, RowDiff diff,
            long version, boolean changesNoRow) {
        List<String> problems = new ArrayList<>();
        Optional<ApplySummary> summary = ApplySummary.last(sync.out());
        if (summary.isEmpty()) {
            problems.add(what + ": no apply summary line:\n" + sync);
        } else {
            ApplySummary s = summary.get();
            String counted = s.inserted() + "/" + s.updated() + "/" + s.deleted();
            String seen = diff.inserted() + "/" + diff.updated() + "/" + diff.deleted();
            if (!counted.equals(seen) || s.fromVersion() != version || s.toVersion() != version) {
                problems.add(what + ": summary says versions " + s.fromVersion() + ".." + s.toVersion() + ", "
                        + counted + " inserted/updated/deleted; PostgreSQL shows " + seen + "\n" + sync.out());
            }
            if (changesNoRow && !"0/0/0".equals(counted)) {
                problems.add(what + ": changes no row but the summary counts " + counted + " inserted/updated/deleted");
            }
        }
        String recorded = run.rowsInserted() + "/" + run.rowsUpdated() + "/" + run.rowsDeleted();
        String seen = diff.inserted() + "/" + diff.updated() + "/" + diff.deleted();
        if (!run.succeeded() || !Long.valueOf(version - 1).equals(run.fromVersion())
                || !Long.valueOf(version).equals(run.toVersion()) || !recorded.equals(seen)) {
            problems.add(what + ": lakesync.runs records " + run + "; expected SUCCEEDED from " + (version - 1)
                    + " to " + version + " with " + seen + " inserted/updated/deleted");
        }
        if (changesNoRow && !"0/0/0".equals(seen)) {
            problems.add(what + ": changes no row but PostgreSQL shows " + seen + " inserted/updated/deleted");
        }
        if (!diff.rewrittenUnchanged().isEmpty()) {
            problems.add(what + ": rows whose values did not change were written again (new xmin): "
                    + diff.rewrittenSample());
        }
        return problems;
    }

    /** OPTIMIZE and table-property changes rewrite files or metadata only. */
    private static boolean changesNoRow(String statement) {
        String s = statement.toUpperCase(Locale.ROOT);
        return s.startsWith("OPTIMIZE") || s.contains("SET TBLPROPERTIES");
    }
}
