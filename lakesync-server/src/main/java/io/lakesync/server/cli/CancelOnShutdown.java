package io.lakesync.server.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * On SIGINT/SIGTERM, cancels the running sync and waits for it to roll back, so that Ctrl-C never
 * leaves a half-done load behind (the target keeps its last good version).
 */
final class CancelOnShutdown implements AutoCloseable {

    private final Thread hook;
    private final CountDownLatch done = new CountDownLatch(1);

    private CancelOnShutdown(Runnable cancel) {
        this.hook = new Thread(() -> {
            cancel.run();
            try {
                done.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "lakesync-cancel-on-shutdown");
    }

    static CancelOnShutdown install(Runnable cancel) {
        CancelOnShutdown c = new CancelOnShutdown(cancel);
        Runtime.getRuntime().addShutdownHook(c.hook);
        return c;
    }

    @Override
    public void close() {
        done.countDown();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running; counting down above lets it finish
        }
    }
}
