package io.lakesync.delta;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.lakesync.core.model.Column;
import io.lakesync.core.model.ColumnType;
import io.lakesync.core.spi.ChangeKind;
import io.lakesync.core.spi.SourceSnapshot;
import io.lakesync.testkit.delta.DeltaTableWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An UPDATE that changes the key (UPDATE T SET id = 101 WHERE id = 1) on a table with Change Data
 * Feed: the preimage is the only change that removes the old key, so it must read as a DELETE.
 * Kernel cannot write such a commit, so the test assembles it: data and change data files written
 * by Kernel into scratch tables, and the commit JSON as Spark writes it.
 */
class KeyChangingUpdateTest {

    private static final List<Column> COLUMNS = List.of(new Column("id", ColumnType.LONG, true),
            new Column("name", ColumnType.STRING, true));

    @TempDir
    Path tmp;

    @Test
    void theOldKeyOfAnUpdatedKeyIsDeleted() throws IOException {
        DeltaTableWriter table = DeltaTableWriter.create(tmp.resolve("t"), COLUMNS, List.of(), Map.of());
        table.append(List.of(new Object[] {1L, "a"}, new Object[] {2L, "b"}, new Object[] {3L, "c"}));
        String oldFile = onlyAddedFile(table.dir(), 1);

        String newFile = copyDataFile(COLUMNS, List.of(new Object[] {2L, "b"}, new Object[] {3L, "c"},
                new Object[] {101L, "a"}), table.dir().resolve("part-updated.parquet"));
        String changeFile = copyDataFile(List.of(COLUMNS.get(0), COLUMNS.get(1),
                        new Column("_change_type", ColumnType.STRING, true)),
                List.of(new Object[] {1L, "a", "update_preimage"}, new Object[] {101L, "a", "update_postimage"}),
                table.dir().resolve("_change_data/cdc-00000.parquet"));
        long now = System.currentTimeMillis();
        Files.writeString(table.dir().resolve(String.format("_delta_log/%020d.json", 2)), String.join("\n",
                "{\"commitInfo\":{\"timestamp\":" + now + ",\"operation\":\"UPDATE\"}}",
                "{\"remove\":{\"path\":\"" + oldFile + "\",\"deletionTimestamp\":" + now + ",\"dataChange\":true,"
                        + "\"extendedFileMetadata\":true,\"partitionValues\":{},\"size\":"
                        + Files.size(table.dir().resolve(oldFile)) + "}}",
                "{\"add\":{\"path\":\"part-updated.parquet\",\"partitionValues\":{},\"size\":"
                        + Files.size(table.dir().resolve("part-updated.parquet")) + ",\"modificationTime\":" + now
                        + ",\"dataChange\":true,\"stats\":\"{\\\"numRecords\\\":3}\"}}",
                "{\"cdc\":{\"path\":\"_change_data/cdc-00000.parquet\",\"partitionValues\":{},\"size\":"
                        + Files.size(table.dir().resolve("_change_data/cdc-00000.parquet")) + ",\"dataChange\":false}}")
                + "\n");
        assertEquals(newFile, "part-updated.parquet");
        assertEquals(changeFile, "_change_data/cdc-00000.parquet");

        DeltaTableSource source = DeltaTableSource.open(table.dir().toString());
        assertEquals(List.of(new DeltaChangesTest.KeyChange(2, ChangeKind.DELETE, 1),
                        new DeltaChangesTest.KeyChange(2, ChangeKind.UPSERT, 101)),
                DeltaChangesTest.changeRows(source.changes(1, 2, List.of())));
        SourceSnapshot start = source.snapshot(OptionalLong.of(1), List.of());
        List<Object[]> replayed = new ChangeReplay("id", start.schema(), TestTables.read(start))
                .apply(source.changes(1, 2, List.of()), Map.of()).rows();
        assertEquals(Canonical.rows(List.of(new Object[] {2L, "b"}, new Object[] {3L, "c"}, new Object[] {101L, "a"})),
                Canonical.rows(TestTables.read(source.snapshot(OptionalLong.of(2), List.of()))));
        assertEquals(Canonical.rows(TestTables.read(source.snapshot(OptionalLong.of(2), List.of()))),
                Canonical.rows(replayed));
    }

    /** Writes the rows as the one data file of a scratch table and copies it to {@code target}. */
    private String copyDataFile(List<Column> columns, List<Object[]> rows, Path target) throws IOException {
        Path scratch = tmp.resolve("scratch-" + target.getFileName());
        DeltaTableWriter.create(scratch, columns, List.of(), Map.of()).append(rows);
        Files.createDirectories(target.getParent());
        Files.copy(scratch.resolve(onlyAddedFile(scratch, 1)), target);
        Path root = tmp.resolve("t");
        return root.relativize(target).toString();
    }

    private static String onlyAddedFile(Path table, long version) throws IOException {
        Matcher m = Pattern.compile("\\{\"add\":\\{\"path\":\"([^\"]+)\"")
                .matcher(Files.readString(table.resolve(String.format("_delta_log/%020d.json", version))));
        if (!m.find()) {
            throw new AssertionError("no add action in version " + version + " of " + table);
        }
        String path = m.group(1);
        if (m.find()) {
            throw new AssertionError("more than one add action in version " + version + " of " + table);
        }
        return path;
    }
}
