package io.lakesync.core.engine;

import io.lakesync.core.error.ErrorCode;
import io.lakesync.core.error.LakesyncException;
import io.lakesync.core.spi.CloseableIterator;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Overlaps reading and writing: a reader thread decodes source batches into a bounded queue while
 * the calling thread writes them, so decoding hides behind loading and memory stays bounded by
 * the queue capacity. A failure on either side stops both and is rethrown on the calling thread.
 */
final class BatchPipeline {

    private static final Object END = new Object();

    private final int capacity;

    BatchPipeline(int capacity) {
        this.capacity = capacity;
    }

    /** Feeds every batch of {@code batches} to {@code writer}; stops early when {@code cancelled} turns true. */
    <T> void run(CloseableIterator<T> batches, Consumer<T> writer, BooleanSupplier cancelled) {
        BlockingQueue<Object> queue = new ArrayBlockingQueue<>(capacity);
        ReaderThread<T> reader = new ReaderThread<>(batches, queue);
        reader.start();
        try {
            while (true) {
                if (cancelled.getAsBoolean()) {
                    throw new LakesyncException(ErrorCode.CANCELLED,
                            "The sync was cancelled before it committed; the target table is unchanged.");
                }
                Object next = queue.poll(200, TimeUnit.MILLISECONDS);
                if (next == null) {
                    continue;
                }
                if (next == END) {
                    break;
                }
                if (next instanceof ReaderFailure failure) {
                    throw failure.asException();
                }
                @SuppressWarnings("unchecked") // only the reader thread puts items, all of type T
                T batch = (T) next;
                writer.accept(batch);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LakesyncException(ErrorCode.CANCELLED,
                    "The sync was interrupted before it committed; the target table is unchanged.", e);
        } finally {
            reader.stopReading();
        }
    }

    private record ReaderFailure(RuntimeException error) {
        RuntimeException asException() {
            return error;
        }
    }

    private static final class ReaderThread<T> extends Thread {
        private final CloseableIterator<T> batches;
        private final BlockingQueue<Object> queue;
        private volatile boolean stopped;

        ReaderThread(CloseableIterator<T> batches, BlockingQueue<Object> queue) {
            super("lakesync-source-reader");
            setDaemon(true);
            this.batches = batches;
            this.queue = queue;
        }

        @Override
        public void run() {
            try {
                while (!stopped && batches.hasNext()) {
                    put(batches.next());
                }
                put(END);
            } catch (InterruptedException e) {
                // stopReading() interrupts us when the writer side gave up: nothing to hand over
            } catch (RuntimeException e) {
                offerQuietly(new ReaderFailure(e));
            } catch (Error e) {
                offerQuietly(new ReaderFailure(new LakesyncException(ErrorCode.INTERNAL_ERROR,
                        "Reading the source failed: " + e, e)));
            } finally {
                batches.close();
            }
        }

        private void put(Object item) throws InterruptedException {
            while (!stopped) {
                if (queue.offer(item, 200, TimeUnit.MILLISECONDS)) {
                    return;
                }
            }
        }

        private void offerQuietly(Object item) {
            try {
                put(item);
            } catch (InterruptedException ignored) {
                // the writer side is gone; it already has an error of its own
            }
        }

        void stopReading() {
            stopped = true;
            interrupt();
            try {
                join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
