package io.lakesync.examples.simulator;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs a {@link Simulation} on its schedule: new incidents every new-interval, a re-scoring round
 * every rescore-interval, until the duration is over or {@link #stop()} is called. A step that is
 * running when the stop comes finishes its commit first, so the table never ends half-written.
 * When a step takes longer than its interval, the next one starts right after it rather than
 * catching up in a burst.
 */
public final class Simulator {

    private final Simulation simulation;
    private final SimulatorOptions options;
    private final CountDownLatch stopRequested = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);

    public Simulator(Simulation simulation, SimulatorOptions options) {
        this.simulation = simulation;
        this.options = options;
    }

    /** Streams commits on the calling thread until the duration is over or {@link #stop()}. */
    public void run() throws InterruptedException {
        try {
            long start = System.nanoTime();
            long deadline = options.duration().isZero() ? Long.MAX_VALUE : start + options.duration().toNanos();
            long newEvery = options.newInterval().toNanos();
            long rescoreEvery = options.rescoreInterval().toNanos();
            long nextNew = start + newEvery;
            long nextRescore = start + rescoreEvery;
            while (stopRequested.getCount() > 0) {
                long now = System.nanoTime();
                if (now - deadline >= 0) {
                    return;
                }
                long wake = Math.min(Math.min(nextNew, nextRescore), deadline);
                if (wake - now > 0) {
                    stopRequested.await(wake - now, TimeUnit.NANOSECONDS);
                    continue;
                }
                if (now - nextNew >= 0) {
                    simulation.newIncidents();
                    nextNew = next(nextNew, newEvery);
                }
                if (now - nextRescore >= 0 && stopRequested.getCount() > 0) {
                    simulation.rescore();
                    nextRescore = next(nextRescore, rescoreEvery);
                }
            }
        } finally {
            finished.countDown();
        }
    }

    /** Asks {@link #run()} to return after the step in progress, if any. */
    public void stop() {
        stopRequested.countDown();
    }

    /** Waits until {@link #run()} has returned; false when it did not within the timeout. */
    public boolean awaitFinished(Duration timeout) throws InterruptedException {
        return finished.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    }

    private static long next(long due, long every) {
        long next = due + every;
        long now = System.nanoTime();
        return next - now < 0 ? now + every : next;
    }
}
