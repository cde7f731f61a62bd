package io.lakesync.delta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakesync.core.error.ErrorCode;
import io.lakesync.core.error.LakesyncException;
import io.lakesync.core.spi.ChangeBatch;
import io.lakesync.core.spi.ChangeKind;
import io.lakesync.core.spi.ChangeSet;
import io.lakesync.core.spi.CloseableIterator;
import io.lakesync.core.spi.SourceSnapshot;
import io.lakesync.testkit.delta.RowBatchValues;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ranges whose commits or files are gone fail with HISTORY_UNAVAILABLE (so the caller takes a full
 * snapshot), damaged files with SOURCE_UNREADABLE, versions that never existed with
 * VERSION_NOT_FOUND.
 */
class ChangeHistoryTest {

    @TempDir
    Path tmp;

    private static LakesyncException fails(ErrorCode code, Executable read, String... mentions) {
        LakesyncException e = assertThrows(LakesyncException.class, read);
        assertEquals(code, e.code(), e.describe());
        for (String mention : mentions) {
            assertTrue(e.getMessage().contains(mention), "message lacks '" + mention + "': " + e.getMessage());
        }
        assertFalse(e.getMessage().contains("\tat "), "no stack trace in the message");
        return e;
    }

    private Path copy(String fixture) {
        return TestTables.copy(DeltaChangesTest.fixture(fixture), tmp);
    }

    private static void readAll(DeltaTableSource source, long from, long to) {
        DeltaChangesTest.changeRows(source.changes(from, to, List.of()));
    }

    @Test
    void commitsRemovedByLogCleanupAreHistoryUnavailable() throws IOException {
        Path table = copy("operations-cdf"); // checkpoint at version 10
        for (long v = 0; v < 10; v++) {
            Files.delete(table.resolve(String.format("_delta_log/%020d.json", v)));
        }
        DeltaTableSource source = DeltaTableSource.open(table.toString());
        fails(ErrorCode.HISTORY_UNAVAILABLE, () -> source.changes(5, 11, List.of()), "Versions 6 to 9", "full snapshot");
        fails(ErrorCode.HISTORY_UNAVAILABLE, () -> source.commits(5, 11), "Versions 6 to 9", "full snapshot");
        fails(ErrorCode.HISTORY_UNAVAILABLE, () -> source.changes(8, 10, List.of()), "Version 9 ", "full snapshot");

        // The commits after the checkpoint are still there.
        SourceSnapshot start = source.snapshot(OptionalLong.of(10), List.of());
        List<Object[]> replayed = new ChangeReplay("id", start.schema(), TestTables.read(start))
                .apply(source.changes(10, 11, List.of()), Map.of()).rows();
        assertEquals(Canonical.rows(TestTables.read(source.snapshot(OptionalLong.of(11), List.of()))),
                Canonical.rows(replayed));
        assertEquals(1, source.commits(10, 11).size());
    }

    @Test
    void aRangeWhoseStartCannotBeRebuiltIsHistoryUnavailable() throws IOException {
        // Commits 6 to 11 are there, but the only checkpoint is at 10: version 8 cannot be rebuilt.
        Path table = copy("operations-cdf");
        for (long v = 0; v <= 5; v++) {
            Files.delete(table.resolve(String.format("_delta_log/%020d.json", v)));
        }
        DeltaTableSource source = DeltaTableSource.open(table.toString());
        fails(ErrorCode.HISTORY_UNAVAILABLE, () -> source.changes(6, 8, List.of()), "Version 8 ", "checkpoint",
                "full snapshot");
    }

    @Test
    void vacuumedDataFilesAreHistoryUnavailable() throws IOException {
        Path table = copy("operations-nocdf");
        // v3 (UPDATE) removed files that a VACUUM would delete once they are past retention
        Path removed = table.resolve(removedPaths(table, 3).get(0));
        Files.delete(removed);
        DeltaTableSource source = DeltaTableSource.open(table.toString());
        fails(ErrorCode.HISTORY_UNAVAILABLE, () -> readAll(source, 2, 3), "Version 3 ", removed.getFileName().toString(),
                "full snapshot");
        readAll(source, 3, 5); // later versions do not need it

        Path cdfTable = copy("operations-cdf");
        try (Stream<Path> files = Files.walk(cdfTable.resolve("_change_data"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                Files.delete(file);
            }
        }
        DeltaTableSource cdf = DeltaTableSource.open(cdfTable.toString());
        fails(ErrorCode.HISTORY_UNAVAILABLE, () -> readAll(cdf, 2, 3), "Version 3 ", "_change_data", "full snapshot");
    }

    @Test
    void vacuumedDeletionVectorsAreHistoryUnavailable() throws IOException {
        Path table = copy("deletion-vectors-nocdf");
        try (Stream<Path> files = Files.list(table)) {
            for (Path file : files.filter(f -> f.getFileName().toString().startsWith("deletion_vector_")).toList()) {
                Files.delete(file);
            }
        }
        DeltaTableSource source = DeltaTableSource.open(table.toString());
        fails(ErrorCode.HISTORY_UNAVAILABLE, () -> readAll(source, 1, 2), "Version 2 ", "deletion_vector_",
                "full snapshot");
    }

    @Test
    void damagedDataFilesAreSourceUnreadable() throws IOException {
        Path table = copy("operations-nocdf");
        Path removed = table.resolve(removedPaths(table, 3).get(0));
        Files.write(removed, "not parquet at all".getBytes(StandardCharsets.UTF_8));
        DeltaTableSource source = DeltaTableSource.open(table.toString());
        fails(ErrorCode.SOURCE_UNREADABLE, () -> readAll(source, 2, 3), removed.getFileName().toString());
    }

    @Test
    void versionsThatDoNotExistAreVersionNotFound() {
        DeltaTableSource source = DeltaTableSource.open(DeltaChangesTest.fixture("operations-cdf").toString());
        fails(ErrorCode.VERSION_NOT_FOUND, () -> source.changes(3, 20, List.of()), "20", "11");
        fails(ErrorCode.VERSION_NOT_FOUND, () -> source.commits(3, 20), "20");
        fails(ErrorCode.VERSION_NOT_FOUND, () -> source.changes(-2, 3, List.of()), "-2");
        fails(ErrorCode.VERSION_NOT_FOUND, () -> source.changes(15, 15, List.of()), "15");
        fails(ErrorCode.COLUMN_NOT_FOUND, () -> source.changes(3, 4, List.of("id", "nope")), "nope");
    }

    @Test
    void removesWithoutPartitionValuesTakeThemFromTheVersionBefore() throws IOException {
        // Writers before extendedFileMetadata wrote remove actions with the path alone.
        Path table = copy("operations-nocdf");
        for (long v : new long[] {3, 4, 7}) {
            Path commit = table.resolve(String.format("_delta_log/%020d.json", v));
            String log = Files.readString(commit);
            String stripped = log.replaceAll("\"extendedFileMetadata\":true,\"partitionValues\":\\{[^}]*\\},", "");
            assertTrue(!stripped.equals(log) && !stripped.contains("\"extendedFileMetadata\""), "version " + v);
            Files.writeString(commit, stripped);
        }
        try (Stream<Path> files = Files.list(table.resolve("_delta_log"))) {
            for (Path crc : files.filter(f -> f.toString().endsWith(".crc")).toList()) {
                Files.delete(crc);
            }
        }
        DeltaTableSource source = DeltaTableSource.open(table.toString()).withKeyColumns(List.of("id"));
        for (long v : new long[] {3, 4, 7}) {
            SourceSnapshot start = source.snapshot(OptionalLong.of(v - 1), List.of());
            List<Object[]> replayed = new ChangeReplay("id", start.schema(), TestTables.read(start))
                    .apply(source.changes(v - 1, v, List.of()), Map.of()).rows();
            assertEquals(Canonical.rows(TestTables.read(source.snapshot(OptionalLong.of(v), List.of()))),
                    Canonical.rows(replayed), "version " + v);
            // Read whole, the deleted rows are the rows of the version before, partition values included.
            ChangeSet changes = DeltaTableSource.open(table.toString()).changes(v - 1, v, List.of());
            Set<String> before = new HashSet<>(Canonical.rows(TestTables.read(start)));
            int deletes = 0;
            try (CloseableIterator<ChangeBatch> batches = changes.batches()) {
                while (batches.hasNext()) {
                    ChangeBatch batch = batches.next();
                    if (batch.kind() == ChangeKind.DELETE) {
                        for (Object[] row : RowBatchValues.rows(changes.schema(), batch.rows())) {
                            assertTrue(before.contains(Canonical.row(row)), "version " + v + ": " + Canonical.row(row));
                            deletes++;
                        }
                    }
                }
            }
            assertTrue(deletes > 0, "version " + v);
        }
    }

    /** The paths (relative, decoded) of the files a commit removes with dataChange=true. */
    private static List<String> removedPaths(Path table, long version) throws IOException {
        Pattern remove = Pattern.compile("\\{\"remove\":\\{\"path\":\"([^\"]+)\"");
        List<String> paths = new ArrayList<>();
        for (String line : Files.readAllLines(table.resolve(String.format("_delta_log/%020d.json", version)))) {
            Matcher m = remove.matcher(line);
            if (m.find() && line.contains("\"dataChange\":true")) {
                paths.add(Paths.get(URI.create(m.group(1)).getPath()).toString());
            }
        }
        assertFalse(paths.isEmpty());
        return paths;
    }
}
