package io.lakesync.server.corpus;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/** The Delta test corpus under {@code testdata/} at the repository root. */
final class Corpus {

    private Corpus() {
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

    /**
     * Every table folder of the corpus, relative to {@code testdata/}: each folder holding a
     * {@code _delta_log} under {@code golden/}, each {@code golden/} folder that holds none (not a
     * Delta table at all), and each DAT table's {@code delta} folder.
     */
    static List<String> tableFolders() {
        TreeSet<String> folders = new TreeSet<>();
        Path golden = root().resolve("golden");
        for (Path top : list(golden)) {
            List<Path> logs = deltaLogsUnder(top);
            if (logs.isEmpty()) {
                folders.add(relative(top));
            }
            logs.forEach(log -> folders.add(relative(log.getParent())));
        }
        for (Path dat : list(root().resolve("dat"))) {
            folders.add(relative(dat.resolve("delta")));
        }
        return new ArrayList<>(folders);
    }

    private static String relative(Path p) {
        return root().relativize(p).toString().replace('\\', '/');
    }

    private static List<Path> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Path> deltaLogsUnder(Path dir) {
        try (Stream<Path> s = Files.walk(dir)) {
            return s.filter(p -> Files.isDirectory(p) && p.getFileName().toString().equals("_delta_log")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
