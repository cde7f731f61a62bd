package io.lakesync.bench;

import io.lakesync.testkit.delta.DeltaTableWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A benchmark's Delta table, generated once under the cache folder and reused by later runs.
 * It is written into a {@code .partial} folder first and renamed when complete, so an interrupted
 * generation is redone instead of being benchmarked half-written.
 */
record BenchDataset(String name, long rows, int rowsPerFile) {

    static final BenchDataset SNAPSHOT_1M = new BenchDataset("snapshot-1m", 1_000_000, 100_000);
    static final BenchDataset SNAPSHOT_10M = new BenchDataset("snapshot-10m", 10_000_000, 1_000_000);

    /** Where tables are cached: {@code -Dlakesync.bench.cache}, else {@code bench/.cache}. */
    static Path cacheRoot() {
        return Paths.get(System.getProperty("lakesync.bench.cache", "bench/.cache")).toAbsolutePath();
    }

    Path directory() {
        return cacheRoot().resolve(name);
    }

    /** The table's folder, generated first if it is not cached yet. */
    Path ensure() {
        Path table = directory();
        if (Files.isDirectory(table.resolve("_delta_log"))) {
            return table;
        }
        Path partial = table.resolveSibling(name + ".partial");
        deleteRecursively(partial);
        System.out.printf("generating %,d rows into %s (once; cached for later runs)%n", rows, table);
        long started = System.nanoTime();
        DeltaTableWriter writer = DeltaTableWriter.create(partial, BenchTableShape.COLUMNS, List.of(), Map.of());
        writer.append(new ProgressReporting(new BenchRows(rows), rows), rowsPerFile);
        move(partial, table);
        System.out.printf("generated %,d rows in %.1f s%n", rows, (System.nanoTime() - started) / 1e9);
        return table;
    }

    private static void move(Path from, Path to) {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot rename the generated table " + from + " to " + to, e);
        }
    }

    private static void deleteRecursively(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot delete the leftover partial table " + dir
                    + "; delete it by hand and run again", e);
        }
    }

    /** Passes rows through and prints a line every tenth of the way, because 10M rows take minutes. */
    private static final class ProgressReporting implements Iterator<Object[]> {
        private final Iterator<Object[]> rows;
        private final long total;
        private final long step;
        private final long started = System.nanoTime();
        private long seen;

        ProgressReporting(Iterator<Object[]> rows, long total) {
            this.rows = rows;
            this.total = total;
            this.step = Math.max(1, total / 10);
        }

        @Override
        public boolean hasNext() {
            return rows.hasNext();
        }

        @Override
        public Object[] next() {
            Object[] row = rows.next();
            if (++seen % step == 0) {
                double seconds = (System.nanoTime() - started) / 1e9;
                System.out.printf("  generated %,d / %,d rows (%.0f rows/s)%n", seen, total, seen / seconds);
            }
            return row;
        }
    }
}
