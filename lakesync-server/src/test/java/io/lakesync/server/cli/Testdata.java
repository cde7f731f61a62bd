package io.lakesync.server.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/** The Delta test corpus under testdata/ at the repository root, and copies of its tables. */
final class Testdata {

    private Testdata() {
    }

    static Path root() {
        String fromMaven = System.getProperty("lakesync.repo.root");
        Path base = fromMaven != null ? Path.of(fromMaven) : Path.of("..");
        Path dir = base.resolve("testdata").toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            dir = Path.of("..", "testdata").toAbsolutePath().normalize();
        }
        return dir;
    }

    static Path table(String relative) {
        return root().resolve(relative);
    }

    /** Copies a corpus table to {@code into} (tests must not write to the corpus). */
    static Path copy(String relative, Path into) {
        Path from = table(relative);
        try (Stream<Path> files = Files.walk(from)) {
            for (Path f : (Iterable<Path>) files::iterator) {
                Path to = into.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(to);
                } else {
                    Files.copy(f, to);
                    // keep the log's modification times: they are the commit timestamps (DESIGN §7)
                    Files.setLastModifiedTime(to, Files.getLastModifiedTime(f));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return into;
    }
}
