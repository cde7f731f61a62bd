package io.lakesync.delta;

import io.lakesync.core.model.RowBatch;
import io.lakesync.core.spi.CloseableIterator;
import io.lakesync.core.spi.SourceSnapshot;
import io.lakesync.testkit.delta.RowBatchValues;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.OptionalLong;
import java.util.stream.Stream;

/** Where the shared Delta test corpus lives, and small helpers to read tables in tests. */
final class TestTables {

    private TestTables() {
    }

    static Path testdata() {
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
            if (Files.isDirectory(dir.resolve("testdata/golden"))) {
                return dir.resolve("testdata");
            }
        }
        throw new IllegalStateException("testdata/ not found above " + Paths.get("").toAbsolutePath());
    }

    static Path golden(String name) {
        return testdata().resolve("golden").resolve(name);
    }

    static Path dat(String name) {
        return testdata().resolve("dat").resolve(name).resolve("delta");
    }

    /** The live rows of a snapshot, as Java values. */
    static List<Object[]> read(SourceSnapshot snapshot) {
        try (CloseableIterator<RowBatch> batches = snapshot.batches()) {
            return RowBatchValues.rows(snapshot.schema(), batches);
        }
    }

    static List<Object[]> read(Path table, OptionalLong version, List<String> columns) {
        return read(DeltaTableSource.open(table.toString()).snapshot(version, columns));
    }

    /** Copies a read-only corpus table into a folder a test may change. */
    static Path copy(Path table, Path into) {
        Path target = into.resolve(table.getFileName().toString());
        try (Stream<Path> files = Files.walk(table)) {
            for (Path source : (Iterable<Path>) files::iterator) {
                Path dest = target.resolve(table.relativize(source).toString());
                if (Files.isDirectory(source)) {
                    Files.createDirectories(dest);
                } else {
                    Files.copy(source, dest, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return target;
    }
}
