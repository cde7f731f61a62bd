package io.lakesync.server.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakesync.core.model.Column;
import io.lakesync.core.model.ColumnType;
import io.lakesync.testkit.TestPostgres;
import io.lakesync.testkit.delta.DeltaTableWriter;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The sync and verify commands end to end: real Delta tables in, a real PostgreSQL out. */
class SyncCommandIT {

    @TempDir
    Path tmp;

    private String jdbcUrl;

    @BeforeEach
    void freshDatabase() {
        jdbcUrl = TestPostgres.newDatabase();
    }

    @Test
    void syncsATableThenVerifiesItEqual() throws SQLException {
        String source = Testdata.table("dat/basic_append/delta").toString();
        CliRun sync = CliRun.of("sync", "--source", source, "--target", "gold.letters", "--primary-key", "number",
                "--jdbc-url", jdbcUrl);
        assertEquals(0, sync.exitCode(), sync::toString);
        assertTrue(sync.out().contains("version 1 into gold.letters: 5 rows written, 0 rows skipped"), sync::toString);
        assertEquals(List.of("1|a|1.1", "2|b|2.2", "3|c|3.3", "4|d|4.4", "5|e|5.5"),
                rows("SELECT number, letter, a_float FROM gold.letters ORDER BY number"));

        CliRun verify = CliRun.of("verify", "--source", source, "--target", "gold.letters", "--jdbc-url", jdbcUrl);
        assertEquals(0, verify.exitCode(), verify::toString);
        assertTrue(verify.out().contains("equals"), verify::toString);
    }

    @Test
    void syncsAnOlderVersionAndVerifyNamesTheKeysThatDiffer() throws SQLException {
        String source = Testdata.table("dat/basic_append/delta").toString();
        CliRun sync = CliRun.of("sync", "--source", source, "--target", "letters", "--primary-key", "number",
                "--version", "0", "--jdbc-url", jdbcUrl);
        assertEquals(0, sync.exitCode(), sync::toString);
        assertEquals(List.of("1", "2", "3"), rows("SELECT number FROM public.letters ORDER BY number"));
        assertEquals(List.of("0|3"), rows("SELECT delta_version, row_count FROM lakesync.watermarks"));

        CliRun atWatermark = CliRun.of("verify", "--source", source, "--target", "letters", "--jdbc-url", jdbcUrl);
        assertEquals(0, atWatermark.exitCode(), atWatermark::toString);

        CliRun atLatest = CliRun.of("verify", "--source", source, "--target", "letters", "--version", "1",
                "--jdbc-url", jdbcUrl);
        assertEquals(LakesyncCli.EXIT_DIFFERENT, atLatest.exitCode(), atLatest::toString);
        assertTrue(atLatest.out().contains("number=4"), atLatest::toString);
        assertTrue(atLatest.out().contains("number=5"), atLatest::toString);
    }

    @Test
    void columnSubsetKeepsTheKeyAndOnlyTheNamedColumns() throws SQLException {
        String source = Testdata.table("dat/basic_append/delta").toString();
        CliRun sync = CliRun.of("sync", "--source", source, "--target", "s.sub", "--primary-key", "number",
                "--columns", "a_float", "--jdbc-url", jdbcUrl);
        assertEquals(0, sync.exitCode(), sync::toString);
        assertEquals(List.of("number", "a_float"), rows("SELECT column_name FROM information_schema.columns"
                + " WHERE table_schema = 's' AND table_name = 'sub' ORDER BY ordinal_position"));
        CliRun verify = CliRun.of("verify", "--source", source, "--target", "s.sub", "--jdbc-url", jdbcUrl);
        assertEquals(0, verify.exitCode(), verify::toString);
    }

    @Test
    void rowsWithANullKeyAreSkippedAndCounted() throws SQLException {
        String source = Testdata.table("dat/basic_partitioned/delta").toString();
        CliRun sync = CliRun.of("sync", "--source", source, "--target", "parts", "--primary-key", "letter,number",
                "--jdbc-url", jdbcUrl);
        assertEquals(0, sync.exitCode(), sync::toString);
        assertTrue(sync.out().contains("5 rows written, 1 rows skipped"), sync::toString);
        assertEquals(List.of("0"), rows("SELECT count(*) FROM parts WHERE letter IS NULL"));
        assertEquals(List.of("SUCCEEDED|5|1"), rows("SELECT outcome, rows_written, rows_skipped FROM lakesync.runs"));
    }

    @Test
    void duplicateKeysFailTheSyncAndLeaveTheTargetAsItWas() throws SQLException {
        Path table = tmp.resolve("events");
        DeltaTableWriter writer = DeltaTableWriter.create(table, List.of(
                new Column("id", ColumnType.LONG, true),
                new Column("updated_at", ColumnType.TIMESTAMP, true),
                new Column("status", ColumnType.STRING, true)), List.of(), Map.of());
        writer.append(List.of(
                new Object[] {1L, Instant.parse("2026-01-01T00:00:00Z"), "new"},
                new Object[] {2L, Instant.parse("2026-01-01T00:00:00Z"), "new"}));
        CliRun first = CliRun.of("sync", "--source", table.toString(), "--target", "events", "--primary-key", "id",
                "--jdbc-url", jdbcUrl);
        assertEquals(0, first.exitCode(), first::toString);

        long duplicateVersion = writer.append(List.of(
                new Object[] {2L, Instant.parse("2026-01-02T00:00:00Z"), "shipped"},
                new Object[] {3L, Instant.parse("2026-01-02T00:00:00Z"), "new"}));
        CliRun failed = CliRun.of("sync", "--source", table.toString(), "--target", "events", "--primary-key", "id",
                "--jdbc-url", jdbcUrl);
        assertEquals(LakesyncCli.EXIT_FAILED, failed.exitCode(), failed::toString);
        assertTrue(failed.err().contains("PRIMARY_KEY_CONSTRAINT_VIOLATION"), failed::toString);
        assertTrue(failed.err().contains("id=2"), failed::toString);
        assertTrue(failed.err().contains(String.valueOf(duplicateVersion)), failed::toString);
        assertEquals(List.of("1|new", "2|new"), rows("SELECT id, status FROM events ORDER BY id"));
        assertEquals(List.of("FAILED|PRIMARY_KEY_CONSTRAINT_VIOLATION"),
                rows("SELECT outcome, error_code FROM lakesync.runs WHERE outcome <> 'SUCCEEDED'"));

        CliRun withTimeseries = CliRun.of("sync", "--source", table.toString(), "--target", "events",
                "--primary-key", "id", "--timeseries-key", "updated_at", "--jdbc-url", jdbcUrl);
        assertEquals(0, withTimeseries.exitCode(), withTimeseries::toString);
        assertEquals(List.of("1|new", "2|shipped", "3|new"), rows("SELECT id, status FROM events ORDER BY id"));
    }

    @Test
    void reSyncingAnUnchangedTableGivesIdenticalContent() throws SQLException {
        String source = Testdata.table("dat/multi_partitioned/delta").toString();
        String[] args = {"sync", "--source", source, "--target", "multi", "--primary-key", "number", "--jdbc-url", jdbcUrl};
        assertEquals(0, CliRun.of(args).exitCode());
        List<String> before = rows("SELECT multi::text FROM multi ORDER BY number");
        CliRun again = CliRun.of(args);
        assertEquals(0, again.exitCode(), again::toString);
        assertEquals(before, rows("SELECT multi::text FROM multi ORDER BY number"));
        assertFalse(before.isEmpty());
    }

    @Test
    void aMissingSourceFailsWithANamedError() {
        CliRun run = CliRun.of("sync", "--source", tmp.resolve("nothing-here").toString(), "--target", "t",
                "--primary-key", "id", "--jdbc-url", jdbcUrl);
        assertEquals(LakesyncCli.EXIT_FAILED, run.exitCode(), run::toString);
        assertTrue(run.err().startsWith("lakesync: SOURCE_NOT_FOUND: "), run::toString);
        assertFalse(run.err().contains("\tat "), "no stack trace: " + run);
    }

    @Test
    void anUnknownKeyColumnNamesTheColumnsThatExist() {
        CliRun run = CliRun.of("sync", "--source", Testdata.table("dat/basic_append/delta").toString(), "--target", "t",
                "--primary-key", "id", "--jdbc-url", jdbcUrl);
        assertEquals(LakesyncCli.EXIT_FAILED, run.exitCode(), run::toString);
        assertTrue(run.err().contains("COLUMN_NOT_FOUND"), run::toString);
        assertTrue(run.err().contains("letter, number, a_float"), run::toString);
    }

    @Test
    void badUsageExitsWithTwoAndHelpDescribesEveryOption() {
        CliRun missing = CliRun.of("sync", "--source", "x");
        assertEquals(LakesyncCli.EXIT_USAGE, missing.exitCode(), missing::toString);
        assertTrue(missing.err().contains("--target"), missing::toString);

        CliRun help = CliRun.of("sync", "--help");
        assertEquals(0, help.exitCode());
        for (String option : List.of("--source", "--target", "--primary-key", "--timeseries-key", "--mode",
                "--version", "--columns", "--jdbc-url", "--replace-nul")) {
            assertTrue(help.out().contains(option), option + " missing from\n" + help.out());
        }
        assertEquals(0, CliRun.of("--help").exitCode());
        assertEquals(0, CliRun.of("verify", "--help").exitCode());
    }

    private List<String> rows(String sql) throws SQLException {
        try (Connection c = DriverManager.getConnection(jdbcUrl); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            List<String> out = new ArrayList<>();
            int n = rs.getMetaData().getColumnCount();
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= n; i++) {
                    row.append(i > 1 ? "|" : "").append(rs.getString(i));
                }
                out.add(row.toString());
            }
            return out;
        }
    }
}
