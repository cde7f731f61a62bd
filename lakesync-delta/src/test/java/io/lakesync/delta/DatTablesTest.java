package io.lakesync.delta;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.lakesync.core.spi.SourceSnapshot;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every version of every DAT table that has expected data reads exactly the expected rows, which
 * are read independently of Kernel (parquet-hadoop's example reader).
 */
class DatTablesTest {

    private static final Pattern VERSION = Pattern.compile("\"version\"\\s*:\\s*(\\d+)");

    static Stream<Arguments> expectedVersions() throws IOException {
        Path dat = TestTables.testdata().resolve("dat");
        List<Path> expected;
        try (Stream<Path> files = Files.walk(dat)) {
            expected = files.filter(p -> p.getFileName().toString().equals("table_content.parquet")).sorted().toList();
        }
        assertFalse(expected.isEmpty(), "no DAT expectations found under " + dat);
        return expected.stream().map(file -> {
            Path versionDir = file.getParent();
            Path table = versionDir.getParent().getParent();
            return Arguments.of(table.getFileName() + "@" + versionDir.getFileName(), table.resolve("delta"),
                    versionOf(versionDir), file);
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("expectedVersions")
    void readsExactlyTheExpectedRows(String name, Path table, long version, Path expectedFile) {
        SourceSnapshot snapshot = DeltaTableSource.open(table.toString()).snapshot(OptionalLong.of(version), List.of());
        assertEquals(version, snapshot.version().version());

        List<Object[]> actual = TestTables.read(snapshot);
        List<Object[]> expected = ParquetFiles.read(expectedFile, snapshot.schema().names());

        assertEquals(Canonical.rows(expected), Canonical.rows(actual), name);
        assertEquals(OptionalLong.of(expected.size()), snapshot.estimatedRowCount(), "row count from statistics");
    }

    private static long versionOf(Path versionDir) {
        try {
            Matcher m = VERSION.matcher(Files.readString(versionDir.resolve("table_version_metadata.json")));
            if (!m.find()) {
                throw new IllegalStateException("no version in " + versionDir);
            }
            return Long.parseLong(m.group(1));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
