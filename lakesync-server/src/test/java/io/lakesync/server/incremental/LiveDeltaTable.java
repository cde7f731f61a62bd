package io.lakesync.server.incremental;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A live Delta writer, simulated (DESIGN §7): a copy of a pre-written fixture table whose data
 * files are all in place from the start, and whose {@code _delta_log} commits are published one
 * version at a time, so a reader sees the table grow exactly as the real writer made it grow.
 * Each commit file appears atomically (written beside the table, then moved in), so a reader
 * polling the log never sees half a commit.
 */
final class LiveDeltaTable {

    private static final Pattern CHECKPOINT_VERSION = Pattern.compile("\"version\"\\s*:\\s*(\\d+)");

    private final Path fixture;
    private final Path dir;
    private final Path staging;
    private final long newestFixtureVersion;
    private long published = -1;

    private LiveDeltaTable(Path fixture, Path dir, Path staging) {
        this.fixture = fixture;
        this.dir = dir;
        this.staging = staging;
        this.newestFixtureVersion = newestVersion(fixture.resolve("_delta_log"));
    }

    /** Copies every data file of {@code fixture} (no commit yet) into {@code workDir}/table. */
    static LiveDeltaTable stage(Path fixture, Path workDir) {
        Path dir = workDir.resolve("table");
        Path staging = workDir.resolve("staging");
        try {
            Files.createDirectories(dir.resolve("_delta_log"));
            Files.createDirectories(staging);
            try (Stream<Path> files = Files.walk(fixture)) {
                for (Path f : (Iterable<Path>) files::iterator) {
                    Path relative = fixture.relativize(f);
                    if (relative.toString().isEmpty() || relative.startsWith("_delta_log")
                            || relative.toString().equals("versions.txt")) {
                        continue;
                    }
                    Path to = dir.resolve(relative.toString());
                    if (Files.isDirectory(f)) {
                        Files.createDirectories(to);
                    } else {
                        Files.copy(f, to);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new LiveDeltaTable(fixture, dir, staging);
    }

    Path dir() {
        return dir;
    }

    String path() {
        return dir.toString();
    }

    /** The newest version published so far (-1 before the first). */
    long published() {
        return published;
    }

    /** The newest version the fixture has. */
    long newestFixtureVersion() {
        return newestFixtureVersion;
    }

    /** The statement that wrote each version of the fixture (index = version). */
    List<String> statements() {
        try {
            return Files.readAllLines(fixture.resolve("versions.txt")).stream().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Publishes the versions after the last published one up to {@code version}, in order. */
    void publishThrough(long version) {
        if (version > newestFixtureVersion) {
            throw new IllegalArgumentException(fixture + " has no version " + version);
        }
        while (published < version) {
            publishNext();
        }
    }

    void publishAll() {
        publishThrough(newestFixtureVersion);
    }

    /** Publishes the next commit, then its checkpoint when the writer made one at that version. */
    long publishNext() {
        long version = published + 1;
        Path log = fixture.resolve("_delta_log");
        String name = String.format("%020d", version);
        copyAtomically(log.resolve(name + ".json"));
        copyIfPresent(log.resolve(name + ".crc"));
        Path checkpoint = log.resolve(name + ".checkpoint.parquet");
        if (Files.exists(checkpoint)) {
            copyAtomically(checkpoint);
            if (lastCheckpointVersion(log).filter(v -> v == version).isPresent()) {
                copyAtomically(log.resolve("_last_checkpoint"));
            }
        }
        published = version;
        return version;
    }

    /** Removes the commit files (JSON) of versions {@code 0..toVersion}: the log retention cleaned them up. */
    void expireCommitsThrough(long toVersion) {
        for (long v = 0; v <= toVersion; v++) {
            String name = String.format("%020d", v);
            try {
                Files.deleteIfExists(dir.resolve("_delta_log").resolve(name + ".json"));
                Files.deleteIfExists(dir.resolve("_delta_log").resolve(name + ".crc"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    /** The version of the fixture's newest checkpoint, if it has one. */
    Optional<Long> fixtureCheckpointVersion() {
        return lastCheckpointVersion(fixture.resolve("_delta_log"));
    }

    private void copyAtomically(Path from) {
        try {
            Path tmp = staging.resolve(from.getFileName().toString() + ".tmp");
            Files.copy(from, tmp, StandardCopyOption.REPLACE_EXISTING);
            Files.move(tmp, dir.resolve("_delta_log").resolve(from.getFileName().toString()),
                    StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void copyIfPresent(Path from) {
        if (Files.exists(from)) {
            copyAtomically(from);
        }
    }

    private static Optional<Long> lastCheckpointVersion(Path log) {
        Path last = log.resolve("_last_checkpoint");
        if (!Files.exists(last)) {
            return Optional.empty();
        }
        try {
            Matcher m = CHECKPOINT_VERSION.matcher(Files.readString(last));
            return m.find() ? Optional.of(Long.parseLong(m.group(1))) : Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long newestVersion(Path log) {
        try (Stream<Path> files = Files.list(log)) {
            return files.map(p -> p.getFileName().toString())
                    .filter(n -> n.matches("\\d{20}\\.json"))
                    .mapToLong(n -> Long.parseLong(n.substring(0, 20)))
                    .max().orElseThrow(() -> new IllegalStateException(log + " holds no commit"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
