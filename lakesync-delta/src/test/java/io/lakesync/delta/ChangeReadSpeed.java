package io.lakesync.delta;

import io.lakesync.core.model.RowBatch;
import io.lakesync.core.model.TableSchema;
import io.lakesync.core.spi.ChangeBatch;
import io.lakesync.core.spi.ChangeKind;
import io.lakesync.core.spi.ChangeSet;
import io.lakesync.core.spi.CloseableIterator;
import io.lakesync.testkit.delta.DeltaTableWriter;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Measures reading the changes of a commit that rewrites a whole table without Change Data Feed
 * (every row removed and re-added: the case DESIGN §7 saw take 44 s and 1.4 GB with a naive diff),
 * touching every value the way the sink does. Not a test: run with
 * {@code java -Xmx256m -cp ... io.lakesync.delta.ChangeReadSpeed [rows] [tableDir]}.
 *
 * <p>Version 1 appends the rows; version 2 is written as an append of the same keys with other
 * values, then its commit is given remove actions for every file of version 1, which makes it the
 * commit an INSERT OVERWRITE writes (Kernel cannot write removes itself).
 */
public final class ChangeReadSpeed {

    public static void main(String[] args) throws IOException {
        long rows = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000L;
        Path dir = Paths.get(args.length > 1 ? args[1] : "target/change-read-speed-" + rows);
        if (!Files.isDirectory(dir.resolve("_delta_log"))) {
            long start = System.nanoTime();
            writeRewrite(dir, rows);
            System.out.printf("wrote %,d rows twice in %.1f s%n", rows, (System.nanoTime() - start) / 1e9);
        }
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        System.out.printf("max heap %,d MB%n", Runtime.getRuntime().maxMemory() >> 20);
        for (int run = 1; run <= 3; run++) {
            for (boolean keysOnly : new boolean[] {false, true}) {
                DeltaTableSource source = DeltaTableSource.open(dir.toString());
                if (keysOnly) {
                    source = source.withKeyColumns(List.of("id"));
                }
                System.gc();
                resetPeaks();
                long start = System.nanoTime();
                long cpuStart = threads.getCurrentThreadCpuTime();
                long[] counts = touchAll(source.changes(1, 2, List.of()));
                double seconds = (System.nanoTime() - start) / 1e9;
                double cpu = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
                System.out.printf("run %d, %s: %,d upserts + %,d deletes in %.2f s wall, %.2f s thread cpu "
                                + "(%,.0f change rows/s); peak heap %,d MB (checksum %d)%n", run,
                        keysOnly ? "deletes read by key" : "deletes read whole", counts[0], counts[1], seconds, cpu,
                        (counts[0] + counts[1]) / seconds, peakHeapMb(), counts[2]);
            }
            System.gc();
            resetPeaks();
            long start = System.nanoTime();
            long[] snapshot = DecodeSpeed.touchAll(DeltaTableSource.open(dir.toString())
                    .snapshot(OptionalLong.of(2), List.of()));
            System.out.printf("run %d, snapshot at version 2 for comparison: %,d rows in %.2f s; peak heap %,d MB%n",
                    run, snapshot[0], (System.nanoTime() - start) / 1e9, peakHeapMb());
        }
    }

    /** Reads every live value of every change batch; returns {upserts, deletes, checksum}. */
    static long[] touchAll(ChangeSet changes) {
        TableSchema schema = changes.schema();
        long upserts = 0;
        long deletes = 0;
        long checksum = 0;
        try (CloseableIterator<ChangeBatch> batches = changes.batches()) {
            while (batches.hasNext()) {
                ChangeBatch change = batches.next();
                RowBatch batch = change.rows();
                int n = batch.rowCount();
                for (int c = 0; c < schema.size(); c++) {
                    checksum += DecodeSpeed.touchColumn(schema.get(c).type(), batch, batch.column(c), n);
                }
                for (int r = 0; r < n; r++) {
                    if (batch.isLive(r)) {
                        if (change.kind() == ChangeKind.UPSERT) {
                            upserts++;
                        } else {
                            deletes++;
                        }
                    }
                }
            }
        }
        return new long[] {upserts, deletes, checksum};
    }

    private static void writeRewrite(Path dir, long rows) throws IOException {
        DeltaTableWriter writer = DeltaTableWriter.create(dir, DecodeSpeed.COLUMNS, List.of(), Map.of());
        writer.append(DecodeSpeed.rows(rows), 250_000);
        Iterator<Object[]> changed = DecodeSpeed.rows(rows);
        writer.append(new Iterator<>() {
            @Override
            public boolean hasNext() {
                return changed.hasNext();
            }

            @Override
            public Object[] next() {
                Object[] row = changed.next();
                row[2] = "rewritten-" + row[0];
                return row;
            }
        }, 250_000);
        Path log = dir.resolve("_delta_log");
        Pattern add = Pattern.compile("\\{\"add\":\\{\"path\":\"([^\"]+)\",\"partitionValues\":\\{\\},\"size\":(\\d+)");
        List<String> removes = new ArrayList<>();
        for (String line : Files.readAllLines(log.resolve(String.format("%020d.json", 1)))) {
            Matcher m = add.matcher(line);
            if (m.find()) {
                removes.add("{\"remove\":{\"path\":\"" + m.group(1) + "\",\"deletionTimestamp\":"
                        + System.currentTimeMillis() + ",\"dataChange\":true,\"extendedFileMetadata\":true,"
                        + "\"partitionValues\":{},\"size\":" + m.group(2) + "}}");
            }
        }
        if (removes.isEmpty()) {
            throw new IllegalStateException("no add actions found in version 1");
        }
        Path commit = log.resolve(String.format("%020d.json", 2));
        Files.write(commit, (String.join("\n", removes) + "\n").getBytes(StandardCharsets.UTF_8),
                java.nio.file.StandardOpenOption.APPEND);
        try (Stream<Path> files = Files.list(log)) {
            for (Path crc : files.filter(f -> f.toString().endsWith(".crc")).toList()) {
                Files.delete(crc); // the checksums describe the append, not the rewrite
            }
        }
    }

    private static void resetPeaks() {
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                pool.resetPeakUsage();
            }
        }
    }

    private static long peakHeapMb() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak >> 20;
    }
}
