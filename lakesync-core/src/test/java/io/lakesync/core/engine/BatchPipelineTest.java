package io.lakesync.core.engine;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakesync.core.error.ErrorCode;
import io.lakesync.core.error.LakesyncException;
import io.lakesync.core.model.ColumnValues;
import io.lakesync.core.model.RowBatch;
import io.lakesync.core.spi.CloseableIterator;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class BatchPipelineTest {

    @Test
    void deliversEveryBatchInOrderAndClosesTheSource() {
        CountingBatches source = new CountingBatches(100, -1);
        List<Integer> seen = new ArrayList<>();
        new BatchPipeline(2).run(source, b -> seen.add(b.rowCount()), () -> false);
        assertEquals(100, seen.size());
        for (int i = 0; i < 100; i++) {
            assertEquals(i, seen.get(i));
        }
        assertTrue(source.closed.get());
    }

    @Test
    void aReaderFailureReachesTheCaller() {
        CountingBatches source = new CountingBatches(100, 7);
        List<Integer> seen = new ArrayList<>();
        LakesyncException e = assertThrows(LakesyncException.class,
                () -> new BatchPipeline(2).run(source, b -> seen.add(b.rowCount()), () -> false));
        assertEquals(ErrorCode.SOURCE_UNREADABLE, e.code());
        assertEquals(7, seen.size());
        assertTrue(source.closed.get());
    }

    @Test
    void aWriterFailureStopsTheReader() throws InterruptedException {
        CountingBatches source = new CountingBatches(Integer.MAX_VALUE, -1);
        IllegalStateException boom = new IllegalStateException("boom");
        IllegalStateException thrown = assertThrows(IllegalStateException.class,
                () -> new BatchPipeline(2).run(source, b -> {
                    if (b.rowCount() == 5) {
                        throw boom;
                    }
                }, () -> false));
        assertSame(boom, thrown);
        assertTrue(source.closed.get(), "the reader closes the source when the writer gives up");
        assertTrue(source.produced.get() < 20, "the bounded queue keeps the reader close to the writer");
    }

    @Test
    void cancellationStopsBeforeTheNextBatch() {
        CountingBatches source = new CountingBatches(Integer.MAX_VALUE, -1);
        AtomicInteger written = new AtomicInteger();
        LakesyncException e = assertThrows(LakesyncException.class,
                () -> new BatchPipeline(2).run(source, b -> written.incrementAndGet(), () -> written.get() >= 3));
        assertEquals(ErrorCode.CANCELLED, e.code());
        assertEquals(3, written.get());
        assertTrue(source.closed.get());
    }

    /** Batch i has i rows (so the writer can see the order); fails at batch {@code failAt}. */
    private static final class CountingBatches implements CloseableIterator<RowBatch> {
        final AtomicInteger produced = new AtomicInteger();
        final AtomicBoolean closed = new AtomicBoolean();
        private final int total;
        private final int failAt;

        CountingBatches(int total, int failAt) {
            this.total = total;
            this.failAt = failAt;
        }

        @Override
        public boolean hasNext() {
            return produced.get() < total;
        }

        @Override
        public RowBatch next() {
            int n = produced.getAndIncrement();
            if (n == failAt) {
                throw new LakesyncException(ErrorCode.SOURCE_UNREADABLE, "file part-7 is damaged");
            }
            return new RowBatch() {
                @Override
                public int rowCount() {
                    return n;
                }

                @Override
                public boolean isLive(int row) {
                    return true;
                }

                @Override
                public ColumnValues column(int ordinal) {
                    throw new UnsupportedOperationException();
                }
            };
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }
}
