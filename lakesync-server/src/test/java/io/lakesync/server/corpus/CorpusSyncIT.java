package io.lakesync.server.corpus;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.delta.kernel.Snapshot;
import io.delta.kernel.types.StructType;
import io.lakesync.server.cli.LakesyncCli;
import io.lakesync.testkit.TestPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every table of the Delta test corpus (testdata/CORPUS.md) through {@code lakesync sync}: a table
 * with a usable key must arrive in PostgreSQL equal to rows obtained without lakesync (DAT: the
 * expected Parquet files at every version they list; golden: a Delta Kernel read through its row
 * API), and {@code lakesync verify} must agree; any other table must be refused with the error
 * code the survey names.
 */
class CorpusSyncIT {

    private static final String SCHEMA = "corpus";
    private static final int SHOWN_DIFFERENCES = 5;

    private static String jdbcUrl;

    @BeforeAll
    static void database() {
        jdbcUrl = TestPostgres.newDatabase();
    }

    static Stream<Named<CorpusTable>> tables() {
        return CorpusManifest.tables().stream().map(t -> Named.of(t.toString(), t));
    }

    @Test
    void theCasesCoverEveryTableFolderOfTheCorpusOnce() {
        List<String> cases = CorpusManifest.tables().stream().map(CorpusTable::path).sorted().toList();
        assertEquals(cases.stream().distinct().toList(), cases, "a table is listed twice in " + CorpusManifest.file());
        assertEquals(Corpus.tableFolders(), cases, "the rows of " + CorpusManifest.file()
                + " must be exactly the table folders under testdata/golden and testdata/dat");
        List<String> targets = CorpusManifest.tables().stream().map(CorpusTable::targetTable).toList();
        assertEquals(targets.size(), targets.stream().distinct().count(), "two cases share a target table");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("tables")
    void syncsEqualOrRefusesWithTheNamedReason(CorpusTable table) throws SQLException {
        if (table.outcome() instanceof CorpusTable.Refused refused) {
            assertRefused(table, refused);
        } else if (table.isDat()) {
            for (String expected : datExpectedVersions(table)) {
                OptionalLong version = expected.equals("latest") ? OptionalLong.empty()
                        : OptionalLong.of(Long.parseLong(expected.substring(1)));
                Path parquet = Corpus.table(table.path()).resolveSibling("expected").resolve(expected)
                        .resolve("table_content.parquet");
                syncAndCompare(table, version, (schema, rows) -> KernelRows.forEachParquetRow(parquet, schema, rows::add));
            }
        } else {
            syncAndCompare(table, OptionalLong.empty(), null);
        }
    }

    /** Reads expected rows of a table version with {@code schema} into {@code rows}; returns how many. */
    private interface ExpectedSource {
        long read(StructType schema, ExpectedTable rows);
    }

    private void assertRefused(CorpusTable table, CorpusTable.Refused refused) throws SQLException {
        String target = SCHEMA + "." + table.targetTable();
        CommandRun sync = sync(table, OptionalLong.empty());
        assertEquals(LakesyncCli.EXIT_FAILED, sync.exitCode(), sync::toString);
        assertTrue(sync.err().contains(refused.code().name()), "expected " + refused.code() + " (" + refused.reason()
                + ") in\n" + sync);
        assertFalse(sync.err().contains("\tat "), "a message, not a stack trace:\n" + sync);
        try (Connection c = connect()) {
            assertFalse(TargetTable.exists(c, target), "a refused sync must leave no target behind: " + target);
        }
    }

    /**
     * Syncs {@code table} at {@code version} and checks the result equal to the expected rows:
     * from {@code expected} when given, else from a Kernel read of the same version.
     */
    private void syncAndCompare(CorpusTable table, OptionalLong version, ExpectedSource expected) throws SQLException {
        String target = SCHEMA + "." + table.targetTable();
        Snapshot snapshot = KernelRows.snapshot(Corpus.table(table.path()), version);
        StructType schema = snapshot.getSchema();
        String at = " at version " + snapshot.getVersion();

        CommandRun sync = sync(table, version);
        assertEquals(0, sync.exitCode(), sync::toString);

        try (Connection c = connect()) {
            assertEquals(TargetTable.expectedColumnTypes(schema), TargetTable.columnTypes(c, SCHEMA, table.targetTable()),
                    "column types of " + target + at + " (DESIGN §3)");
            assertEquals(table.primaryKey(), TargetTable.primaryKey(c, SCHEMA, table.targetTable()),
                    "primary key of " + target);

            long read;
            ExpectedTable.Differences differences;
            long written;
            long skipped;
            try (ExpectedTable rows = new ExpectedTable(c, target, schema, table.primaryKey())) {
                read = expected != null ? expected.read(schema, rows) : KernelRows.forEachRow(snapshot, rows::add);
                differences = rows.differences(target, SHOWN_DIFFERENCES);
                written = rows.inserted();
                skipped = rows.nullKeyRows();
            }
            assertTrue(differences.none(), () -> target + at + " differs from the expected rows of "
                    + table.path() + ":\n" + differences);
            if (version.isEmpty()) {
                // the survey's figures still hold, so CORPUS.md describes what was tested
                table.rows().ifPresent(rows -> assertEquals(rows, read, "rows of " + table.path() + " per CORPUS.md"));
                assertEquals(((CorpusTable.Synced) table.outcome()).nullKeyRows(), skipped,
                        "rows with a null key in " + table.path() + " per CORPUS.md");
            }
            TargetTable.Run run = TargetTable.lastRun(c, target).orElseThrow();
            assertEquals(new TargetTable.Run("SUCCEEDED", snapshot.getVersion(), written, skipped), run,
                    "run history of " + target + at);
        }

        CommandRun verify = CommandRun.of("verify", "--source", Corpus.table(table.path()).toString(),
                "--target", target, "--jdbc-url", jdbcUrl);
        assertEquals(0, verify.exitCode(), verify::toString);
    }

    private static CommandRun sync(CorpusTable table, OptionalLong version) {
        List<String> args = new ArrayList<>(List.of("sync", "--source", Corpus.table(table.path()).toString(),
                "--target", SCHEMA + "." + table.targetTable(), "--primary-key", String.join(",", table.primaryKey()),
                "--jdbc-url", jdbcUrl, "--no-progress"));
        version.ifPresent(v -> {
            args.add("--version");
            args.add(Long.toString(v));
        });
        return CommandRun.of(args.toArray(String[]::new));
    }

    /** The versions a DAT table has expected rows for, oldest first, {@code latest} last. */
    private static List<String> datExpectedVersions(CorpusTable table) {
        Path expected = Corpus.table(table.path()).resolveSibling("expected");
        try (Stream<Path> dirs = Files.list(expected)) {
            List<String> versions = new ArrayList<>(dirs.map(p -> p.getFileName().toString())
                    .filter(name -> name.matches("v[0-9]+")).sorted((a, b) -> Long.compare(
                            Long.parseLong(a.substring(1)), Long.parseLong(b.substring(1)))).toList());
            versions.add("latest");
            return versions;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Connection connect() throws SQLException {
        Properties props = new Properties();
        // one multi-row INSERT per batch: the million-row tables load in seconds
        props.setProperty("reWriteBatchedInserts", "true");
        return DriverManager.getConnection(jdbcUrl, props);
    }
}
