package io.lakesync.postgres;

import java.time.Duration;
import java.util.Objects;

/**
 * Settings of a {@link PostgresSink}, each with its default.
 *
 * @param swapLockTimeout how long one swap attempt may wait for readers' locks; while it waits,
 *     new readers queue behind it, so this bounds how long a sync can delay them (default 100 ms)
 * @param swapRetryBudget how long a snapshot keeps retrying the swap while long readers hold the
 *     table before it fails with LOCK_TIMEOUT (default 5 minutes)
 * @param copyBufferBytes size of the buffer rows are encoded into before they go to COPY
 *     (default 1 MiB)
 * @param applyMemoryBytes memory an incremental apply asks PostgreSQL for, as {@code work_mem} (the
 *     sort that collapses changes per key, and its result) and as {@code temp_buffers} (the staged
 *     changes); more than this spills to temporary files, which is slower but works for any size
 *     (default 64 MiB)
 * @param maxConnections the most connections the sink holds open to PostgreSQL at once (its pool's
 *     size): every snapshot load and incremental apply holds one for its whole transaction, catalog
 *     reads and writes one briefly; an operation that finds all in use waits up to 30 s for one, then
 *     fails with TARGET_UNAVAILABLE. Connections are opened when first needed and closed after 10
 *     idle minutes, so a short-lived process opens only what it uses (default 10)
 */
public record PostgresSinkOptions(Duration swapLockTimeout, Duration swapRetryBudget, int copyBufferBytes,
        long applyMemoryBytes, int maxConnections) {

    public static final int DEFAULT_MAX_CONNECTIONS = 10;

    public PostgresSinkOptions {
        Objects.requireNonNull(swapLockTimeout, "swapLockTimeout");
        Objects.requireNonNull(swapRetryBudget, "swapRetryBudget");
        if (swapLockTimeout.toMillis() < 1) {
            throw new IllegalArgumentException("swapLockTimeout must be at least 1 ms");
        }
        if (copyBufferBytes < 64 * 1024) {
            throw new IllegalArgumentException("copyBufferBytes must be at least 64 KiB");
        }
        if (applyMemoryBytes < 1024 * 1024 || applyMemoryBytes > (1L << 40)) {
            throw new IllegalArgumentException("applyMemoryBytes must be between 1 MiB and 1 TiB");
        }
        if (maxConnections < 1 || maxConnections > 10_000) {
            throw new IllegalArgumentException("maxConnections must be between 1 and 10000 (got " + maxConnections
                    + ")");
        }
    }

    public static PostgresSinkOptions defaults() {
        return new PostgresSinkOptions(Duration.ofMillis(100), Duration.ofMinutes(5), 1 << 20, 64L << 20,
                DEFAULT_MAX_CONNECTIONS);
    }

    public PostgresSinkOptions withSwapRetryBudget(Duration budget) {
        return new PostgresSinkOptions(swapLockTimeout, budget, copyBufferBytes, applyMemoryBytes, maxConnections);
    }

    public PostgresSinkOptions withSwapLockTimeout(Duration timeout) {
        return new PostgresSinkOptions(timeout, swapRetryBudget, copyBufferBytes, applyMemoryBytes, maxConnections);
    }

    public PostgresSinkOptions withCopyBufferBytes(int bytes) {
        return new PostgresSinkOptions(swapLockTimeout, swapRetryBudget, bytes, applyMemoryBytes, maxConnections);
    }

    public PostgresSinkOptions withApplyMemoryBytes(long bytes) {
        return new PostgresSinkOptions(swapLockTimeout, swapRetryBudget, copyBufferBytes, bytes, maxConnections);
    }

    public PostgresSinkOptions withMaxConnections(int connections) {
        return new PostgresSinkOptions(swapLockTimeout, swapRetryBudget, copyBufferBytes, applyMemoryBytes, connections);
    }
}
