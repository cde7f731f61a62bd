package io.lakesync.server.incremental;

import java.nio.file.Files;
import java.nio.file.Path;

/** The tables delta-spark wrote for the incremental modes, in testdata/spark (read-only: stage a copy). */
final class SparkFixtures {

    private SparkFixtures() {
    }

    static Path table(String name) {
        String fromMaven = System.getProperty("lakesync.repo.root");
        Path root = (fromMaven != null ? Path.of(fromMaven) : Path.of("..")).resolve("testdata").toAbsolutePath()
                .normalize();
        if (!Files.isDirectory(root)) {
            root = Path.of("..", "testdata").toAbsolutePath().normalize();
        }
        Path table = root.resolve("spark").resolve(name);
        if (!Files.isDirectory(table.resolve("_delta_log"))) {
            throw new IllegalStateException("No fixture table " + table);
        }
        return table;
    }
}
