package io.lakesync.delta;

import io.lakesync.core.model.Column;
import io.lakesync.core.model.ColumnType;
import io.lakesync.core.model.ColumnValues;
import io.lakesync.core.model.RowBatch;
import io.lakesync.core.model.TableSchema;
import io.lakesync.core.spi.CloseableIterator;
import io.lakesync.core.spi.SourceSnapshot;
import io.lakesync.testkit.delta.DeltaTableWriter;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.stream.LongStream;

/**
 * Measures how fast one thread decodes a Delta table through {@link RowBatch} and the
 * {@link ColumnValues} getters, touching every value the way the Postgres sink does. Not a test:
 * run with {@code java -cp ... io.lakesync.delta.DecodeSpeed [rows] [tableDir]}.
 */
public final class DecodeSpeed {

    public static final List<Column> COLUMNS = List.of(
            new Column("id", ColumnType.LONG, false),
            new Column("user_id", ColumnType.INT, true),
            new Column("name", ColumnType.STRING, true),
            new Column("email", ColumnType.STRING, true),
            new Column("amount", new ColumnType.Decimal(12, 2), true),
            new Column("score", ColumnType.DOUBLE, true),
            new Column("active", ColumnType.BOOLEAN, true),
            new Column("created_at", ColumnType.TIMESTAMP, true),
            new Column("birth_date", ColumnType.DATE, true),
            new Column("category", ColumnType.STRING, true));

    public static void main(String[] args) {
        long rows = args.length > 0 ? Long.parseLong(args[0]) : 1_000_000L;
        Path dir = Paths.get(args.length > 1 ? args[1] : "target/decode-speed-" + rows);
        if (!Files.isDirectory(dir.resolve("_delta_log"))) {
            long start = System.nanoTime();
            DeltaTableWriter writer = DeltaTableWriter.create(dir, COLUMNS, List.of(), Map.of());
            writer.append(rows(rows), 250_000);
            System.out.printf("wrote %,d rows in %.1f s%n", rows, (System.nanoTime() - start) / 1e9);
        }
        DeltaTableSource source = DeltaTableSource.open(dir.toString());
        // CPU time of this thread as well as wall time: on a busy machine the wall time measures
        // the neighbours; the decode is single-threaded, so CPU time is its cost.
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        for (int run = 1; run <= 5; run++) {
            long start = System.nanoTime();
            long cpuStart = threads.getCurrentThreadCpuTime();
            SourceSnapshot snapshot = source.snapshot(OptionalLong.empty(), List.of());
            long[] result = touchAll(snapshot);
            double seconds = (System.nanoTime() - start) / 1e9;
            double cpuSeconds = (threads.getCurrentThreadCpuTime() - cpuStart) / 1e9;
            System.out.printf("run %d: %,d rows, wall %.2f s = %,.0f rows/s, thread cpu %.2f s = %,.0f rows/s"
                    + " (checksum %d)%n", run, result[0], seconds, result[0] / seconds, cpuSeconds,
                    result[0] / cpuSeconds, result[1]);
        }
    }

    public static Iterator<Object[]> rows(long count) {
        String[] categories = {"books", "games", "garden", "tools", "toys", "music", "food", "sports"};
        Instant base = Instant.parse("2024-01-01T00:00:00Z");
        return LongStream.range(0, count).mapToObj(i -> new Object[] {
                i,
                (int) (i % 100_000),
                "name-" + Long.toString(i * 7919, 36),
                "user" + i + "@example.com",
                BigDecimal.valueOf(i * 37 % 1_000_000, 2),
                i * 0.5,
                i % 3 == 0,
                base.plusSeconds(i).plusNanos((i % 1000) * 1000),
                LocalDate.of(1950, 1, 1).plusDays(i % 20_000),
                i % 17 == 0 ? null : categories[(int) (i % categories.length)]}).iterator();
    }

    /** Reads every live value through the getters; returns {rows, checksum}. */
    static long[] touchAll(SourceSnapshot snapshot) {
        TableSchema schema = snapshot.schema();
        long rows = 0;
        long checksum = 0;
        try (CloseableIterator<RowBatch> batches = snapshot.batches()) {
            while (batches.hasNext()) {
                RowBatch batch = batches.next();
                int n = batch.rowCount();
                for (int c = 0; c < schema.size(); c++) {
                    checksum += touchColumn(schema.get(c).type(), batch, batch.column(c), n);
                }
                for (int r = 0; r < n; r++) {
                    if (batch.isLive(r)) {
                        rows++;
                    }
                }
            }
        }
        return new long[] {rows, checksum};
    }

    static long touchColumn(ColumnType type, RowBatch batch, ColumnValues values, int n) {
        long sum = 0;
        for (int r = 0; r < n; r++) {
            if (!batch.isLive(r) || values.isNull(r)) {
                continue;
            }
            if (type instanceof ColumnType.Decimal) {
                sum += values.getDecimal(r).unscaledValue().longValue();
                continue;
            }
            switch (((ColumnType.Primitive) type).kind()) {
                case LONG, TIMESTAMP -> sum += values.getLong(r);
                case INT, DATE -> sum += values.getInt(r);
                case STRING -> sum += values.getString(r).length();
                case DOUBLE -> sum += (long) values.getDouble(r);
                case BOOLEAN -> sum += values.getBoolean(r) ? 1 : 0;
                default -> throw new IllegalStateException("not in the benchmark table: " + type);
            }
        }
        return sum;
    }
}
