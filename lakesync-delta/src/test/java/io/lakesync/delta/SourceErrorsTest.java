package io.lakesync.delta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakesync.core.error.ErrorCode;
import io.lakesync.core.error.LakesyncException;
import io.lakesync.core.model.Column;
import io.lakesync.core.model.ColumnType;
import io.lakesync.testkit.delta.DeltaTableWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

/** Tables that cannot be read fail with the right error code and a message that helps. */
class SourceErrorsTest {

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

    private static void readAll(Path table, OptionalLong version, List<String> columns) {
        TestTables.read(table, version, columns);
    }

    /** A table with versions 0 (create) .. 3, one data file per append. */
    private Path smallTable() {
        DeltaTableWriter writer = DeltaTableWriter.create(tmp.resolve("t"),
                List.of(new Column("id", ColumnType.LONG, false), new Column("name", ColumnType.STRING, true)),
                List.of(), Map.of());
        for (long v = 1; v <= 3; v++) {
            writer.append(List.<Object[]>of(new Object[] {v, "n" + v}));
        }
        return writer.dir();
    }

    @Test
    void missingPath() {
        fails(ErrorCode.SOURCE_NOT_FOUND, () -> DeltaTableSource.open(tmp.resolve("nope").toString()), "nope",
                "not a directory");
    }

    @Test
    void directoryWithoutDeltaLog() {
        fails(ErrorCode.SOURCE_NOT_FOUND, () -> DeltaTableSource.open(tmp.toString()), "_delta_log");
    }

    @Test
    void emptyDeltaLog() throws IOException {
        Files.createDirectories(tmp.resolve("empty/_delta_log"));
        fails(ErrorCode.SOURCE_NOT_FOUND,
                () -> DeltaTableSource.open(tmp.resolve("empty").toString()).latestVersion(), "empty");
    }

    @Test
    void fileUriIsAcceptedLikeAPath() {
        Path table = smallTable();
        assertEquals(3, DeltaTableSource.open(table.toUri().toString()).latestVersion().version());
        assertEquals(3, DeltaTableSource.open("file:" + table).latestVersion().version());
    }

    @Test
    void versionAfterTheNewest() {
        Path table = smallTable();
        fails(ErrorCode.VERSION_NOT_FOUND, () -> readAll(table, OptionalLong.of(7), List.of()), "Version 7",
                "versions 0 to 3 are available");
        fails(ErrorCode.VERSION_NOT_FOUND, () -> readAll(table, OptionalLong.of(-1), List.of()), "Version -1");
    }

    @Test
    void versionWhoseLogWasCleanedUp() throws IOException {
        Path table = TestTables.copy(TestTables.golden("basic-with-inserts-deletes-checkpoint"), tmp);
        try (Stream<Path> log = Files.list(table.resolve("_delta_log"))) {
            for (Path file : log.toList()) {
                String name = file.getFileName().toString();
                if (name.matches("0000000000000000000\\d\\.json")) {
                    Files.delete(file); // versions 0..9 gone; the checkpoint at 10 remains
                }
            }
        }
        fails(ErrorCode.VERSION_NOT_FOUND, () -> readAll(table, OptionalLong.of(5), List.of()), "Version 5",
                "versions 10 to 13 are available");
        assertEquals(35, TestTables.read(table, OptionalLong.of(10), List.of()).size());
    }

    @Test
    void unknownColumnListsTheColumns() {
        Path table = smallTable();
        fails(ErrorCode.COLUMN_NOT_FOUND, () -> readAll(table, OptionalLong.empty(), List.of("id", "Name")),
                "Name", "id, name");
        fails(ErrorCode.INVALID_ARGUMENT, () -> readAll(table, OptionalLong.empty(), List.of("id", "id")), "twice");
    }

    @Test
    void unsupportedProtocolVersion() {
        fails(ErrorCode.UNSUPPORTED_DELTA_FEATURE,
                () -> readAll(TestTables.golden("deltalog-invalid-protocol-version"), OptionalLong.empty(), List.of()),
                "protocol version 99");
    }

    @Test
    void unsupportedReaderFeatureIsNamed() throws IOException {
        Path table = smallTable();
        Path first = table.resolve("_delta_log/00000000000000000000.json");
        List<String> lines = new ArrayList<>();
        for (String line : Files.readAllLines(first)) {
            lines.add(line.startsWith("{\"protocol\"")
                    ? "{\"protocol\":{\"minReaderVersion\":3,\"minWriterVersion\":7,\"readerFeatures\":[\"timeMachine\"],"
                            + "\"writerFeatures\":[\"timeMachine\"]}}"
                    : line);
        }
        Files.write(first, lines);
        fails(ErrorCode.UNSUPPORTED_DELTA_FEATURE, () -> readAll(table, OptionalLong.empty(), List.of()),
                "timeMachine");
    }

    @Test
    void missingDataFileIsNamed() throws IOException {
        Path table = smallTable();
        Path dataFile = dataFiles(table).get(1);
        Files.delete(dataFile);
        fails(ErrorCode.SOURCE_UNREADABLE, () -> readAll(table, OptionalLong.empty(), List.of()),
                dataFile.getFileName().toString());
    }

    @Test
    void damagedDataFileIsNamed() throws IOException {
        Path table = smallTable();
        Path dataFile = dataFiles(table).get(0);
        Files.write(dataFile, "not a parquet file".getBytes(StandardCharsets.UTF_8));
        fails(ErrorCode.SOURCE_UNREADABLE, () -> readAll(table, OptionalLong.empty(), List.of()),
                dataFile.getFileName().toString());
    }

    @Test
    void damagedCommitFile() throws IOException {
        Path table = smallTable();
        Files.writeString(table.resolve("_delta_log/00000000000000000002.json"), "{\"add\": {\"path\": ");
        fails(ErrorCode.SOURCE_UNREADABLE, () -> readAll(table, OptionalLong.empty(), List.of()), "t");
        // the versions before the damaged commit still read
        assertEquals(1, TestTables.read(table, OptionalLong.of(1), List.of()).size());
    }

    @Test
    void invalidUtf8IsRefusedNamingTheColumn() throws IOException {
        // A BINARY column holding bytes that are not UTF-8, relabelled as STRING in the log.
        DeltaTableWriter writer = DeltaTableWriter.create(tmp.resolve("utf8"),
                List.of(new Column("id", ColumnType.INT, false), new Column("text", ColumnType.BINARY, true)),
                List.of(), Map.of());
        writer.append(List.<Object[]>of(new Object[] {1, "fine \uFFFD".getBytes(StandardCharsets.UTF_8)}));
        writer.append(List.<Object[]>of(new Object[] {2, new byte[] {'b', 'a', 'd', (byte) 0xC3, (byte) 0x28}}));
        Path first = writer.dir().resolve("_delta_log/00000000000000000000.json");
        Files.writeString(first, Files.readString(first).replace("\\\"binary\\\"", "\\\"string\\\""));

        DeltaTableSource source = DeltaTableSource.open(writer.dir().toString());
        assertEquals(ColumnType.STRING, source.snapshot(OptionalLong.empty(), List.of()).schema().get(1).type());
        // a real U+FFFD in valid UTF-8 is not an error
        List<Object[]> valid = TestTables.read(source.snapshot(OptionalLong.of(1), List.of()));
        assertEquals("fine \uFFFD", valid.get(0)[1]);
        fails(ErrorCode.INVALID_TEXT_VALUE, () -> readAll(writer.dir(), OptionalLong.empty(), List.of()), "text",
                "not valid UTF-8", "626164c328");
    }

    private static List<Path> dataFiles(Path table) throws IOException {
        try (Stream<Path> files = Files.list(table)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".parquet")).sorted().toList();
        }
    }
}
