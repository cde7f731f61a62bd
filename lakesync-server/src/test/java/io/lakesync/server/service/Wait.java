package io.lakesync.server.service;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/** Waiting for an outcome with a generous deadline: progress checks, never timing assertions. */
public final class Wait {

    public static final Duration PATIENCE = Duration.ofSeconds(90);

    private Wait() {
    }

    /** Polls {@code condition} every 20 ms until it holds; fails with {@code state} after {@link #PATIENCE}. */
    public static void until(String what, BooleanSupplier condition, Supplier<String> state) {
        until(PATIENCE, what, condition, state);
    }

    public static void until(Duration timeout, String what, BooleanSupplier condition, Supplier<String> state) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("waited " + timeout.toSeconds() + " s for " + what + "; state: " + state.get());
            }
            sleep(20);
        }
    }

    public static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
