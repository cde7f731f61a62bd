package io.lakesync.postgres;

import static io.lakesync.postgres.SinkFixture.col;
import static io.lakesync.postgres.SinkFixture.schema;
import static io.lakesync.postgres.SinkFixture.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakesync.core.model.ColumnType;
import io.lakesync.core.model.TableName;
import io.lakesync.core.model.TableSchema;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Readers during re-syncs: they see the old table or the new one, never an empty or partial one,
 * and no query waits more than half a second, even while another session holds a transaction
 * that read the table for seconds (which makes the swap wait and retry).
 */
class ConcurrentReaderTest {

    private static final int ROWS = 20_000;
    private static final TableSchema SCHEMA = schema(col("id", ColumnType.INT), col("value", ColumnType.LONG),
            col("label", ColumnType.STRING));

    /** Version v: value = id + v * 1000, so sum(value) tells which version a reader saw. */
    private static TestBatch version(int v) {
        TestBatch.Builder b = TestBatch.of(SCHEMA);
        for (int id = 0; id < ROWS; id++) {
            b.row(id, id + v * 1000L, "v" + v);
        }
        return b.build();
    }

    private static long sumOf(int v) {
        return (long) ROWS * (ROWS - 1) / 2 + (long) v * 1000 * ROWS;
    }

    @Test
    void readersNeverSeeAPartialTableNorWaitLong() throws Exception {
        try (SinkFixture db = new SinkFixture()) {
            db.snapshot(spec("public.live", "id"), SCHEMA, 1, version(1));
            AtomicBoolean done = new AtomicBoolean();
            List<String> anomalies = new CopyOnWriteArrayList<>();
            AtomicLong queries = new AtomicLong();
            AtomicLong slowestMillis = new AtomicLong();
            CountDownLatch readerStarted = new CountDownLatch(1);

            Thread reader = new Thread(() -> {
                try (Connection c = db.connect();
                        PreparedStatement s = c.prepareStatement("SELECT count(*), sum(value) FROM public.live")) {
                    readerStarted.countDown();
                    while (!done.get()) {
                        long start = System.nanoTime();
                        try (ResultSet rs = s.executeQuery()) {
                            rs.next();
                            long count = rs.getLong(1);
                            long sum = rs.getLong(2);
                            long version = (sum - sumOf(0)) / (1000L * ROWS);
                            if (count != ROWS || sum != sumOf((int) version)) {
                                anomalies.add("count=" + count + " sum=" + sum);
                            }
                        }
                        long millis = (System.nanoTime() - start) / 1_000_000;
                        slowestMillis.accumulateAndGet(millis, Math::max);
                        queries.incrementAndGet();
                    }
                } catch (Exception e) {
                    anomalies.add(e.toString());
                }
            }, "reader");
            reader.start();
            assertTrue(readerStarted.await(10, TimeUnit.SECONDS));

            CountDownLatch longReadHeld = new CountDownLatch(1);
            Thread longTransaction = new Thread(() -> {
                try (Connection c = db.connect()) {
                    c.setAutoCommit(false);
                    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT count(*) FROM public.live")) {
                        rs.next();
                    }
                    longReadHeld.countDown();
                    Thread.sleep(2_500); // an analyst's transaction left open on the table
                    c.commit();
                } catch (Exception e) {
                    anomalies.add("long transaction: " + e);
                }
            }, "long-transaction");

            long swapStart = 0;
            long longestSyncMillis = 0;
            for (int v = 2; v <= 8; v++) {
                if (v == 4) {
                    longTransaction.start();
                    assertTrue(longReadHeld.await(10, TimeUnit.SECONDS));
                }
                swapStart = System.nanoTime();
                db.snapshot(spec("public.live", "id"), SCHEMA, v, version(v));
                longestSyncMillis = Math.max(longestSyncMillis, (System.nanoTime() - swapStart) / 1_000_000);
            }
            longTransaction.join();
            done.set(true);
            reader.join();

            assertEquals(List.of(), anomalies);
            assertTrue(queries.get() > 50, "reader ran only " + queries.get() + " queries");
            assertTrue(slowestMillis.get() < 500, "a reader query waited " + slowestMillis.get() + " ms");
            assertTrue(longestSyncMillis >= 1_500, "the sync during the long transaction should have had to wait,"
                    + " it took " + longestSyncMillis + " ms");
            assertEquals(8, db.sink.watermark(TableName.parse("public.live")).orElseThrow().version().version());
            assertEquals(List.of(Long.toString(ROWS), Long.toString(sumOf(8))),
                    db.query("SELECT count(*), sum(value) FROM public.live").get(0));
        }
    }
}
