package io.lakesync.server.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.lakesync.client.model.HistoryPoint;
import io.lakesync.core.error.ErrorCode;
import io.lakesync.core.model.TableName;
import io.lakesync.server.service.RunKind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class TableHistoryTest {

    private static final TableName GOLD_T = TableName.parse("gold.t");
    private static final TableName GOLD_U = TableName.parse("gold.u");
    private static final Instant T0 = Instant.parse("2026-11-26T12:00:00Z");

    private final SettableClock clock = new SettableClock(T0);
    private final TableHistory history = new TableHistory(clock, Duration.ofSeconds(5), 720);

    @Test
    void measurementsInOnePeriodMakeOneOpenPointWithTheWorstLag() {
        history.lagMeasured(GOLD_T, 2, 1.5);
        clock.at(T0.plusMillis(1000));
        history.lagMeasured(GOLD_T, 4, 0.5);
        clock.at(T0.plusMillis(2000));
        history.lagMeasured(GOLD_T, 1, 3.25);

        assertEquals(List.of(point(T0.plusMillis(2000), 4, 3.25, 0)), history.points(GOLD_T));
    }

    @Test
    void aNewPeriodStartsOnceTheIntervalHasPassed() {
        history.lagMeasured(GOLD_T, 3, 9.0);
        clock.at(T0.plusMillis(4999));
        history.lagMeasured(GOLD_T, 1, 2.0);
        clock.at(T0.plusMillis(5000));
        history.lagMeasured(GOLD_T, 0, 0.25);
        clock.at(T0.plusMillis(7000));
        history.lagMeasured(GOLD_T, 0, 0.5);
        clock.at(T0.plusMillis(12000));
        history.lagMeasured(GOLD_T, 1, 0.75);

        assertEquals(List.of(
                point(T0.plusMillis(4999), 3, 9.0, 0),
                point(T0.plusMillis(7000), 0, 0.5, 0),
                point(T0.plusMillis(12000), 1, 0.75, 0)), history.points(GOLD_T));
    }

    @Test
    void rowsAppliedSumsSucceededRunsOfThePeriod() {
        history.lagMeasured(GOLD_T, 1, 1.0);
        history.runSucceeded(GOLD_T, RunKind.INCREMENTAL, Duration.ofMillis(50), 5, 2, 1, 0);
        clock.at(T0.plusMillis(1000));
        history.runFailed(GOLD_T, RunKind.INCREMENTAL, Duration.ofMillis(50), ErrorCode.TARGET_UNAVAILABLE,
                "down", Optional.empty());
        history.runSucceeded(GOLD_T, RunKind.FULL_REFRESH, Duration.ofSeconds(1), 0, 0, 0, 100);
        clock.at(T0.plusMillis(6000));
        history.runSucceeded(GOLD_T, RunKind.INCREMENTAL, Duration.ofMillis(50), 0, 3, 0, 0);

        // The second period saw no lag measurement: it carries the last measured lag, not zero.
        assertEquals(List.of(
                point(T0.plusMillis(1000), 1, 1.0, 108),
                point(T0.plusMillis(6000), 1, 1.0, 3)), history.points(GOLD_T));
    }

    @Test
    void keepsOnlyTheNewestPoints() {
        TableHistory small = new TableHistory(clock, Duration.ofSeconds(5), 3);
        for (int i = 0; i < 6; i++) {
            clock.at(T0.plusSeconds(5L * i));
            small.lagMeasured(GOLD_T, i, i);
        }
        assertEquals(List.of(
                point(T0.plusSeconds(15), 3, 3.0, 0),
                point(T0.plusSeconds(20), 4, 4.0, 0),
                point(T0.plusSeconds(25), 5, 5.0, 0)), small.points(GOLD_T));
    }

    @Test
    void tablesAreSeparateAndRemovedTablesForgotten() {
        history.lagMeasured(GOLD_T, 1, 1.0);
        history.lagMeasured(GOLD_U, 2, 2.0);

        history.tableRemoved(GOLD_T);

        assertEquals(List.of(), history.points(GOLD_T));
        assertEquals(List.of(point(T0, 2, 2.0, 0)), history.points(GOLD_U));
        assertEquals(List.of(), history.points(TableName.parse("gold.never")));
    }

    @Test
    void concurrentEventsAreAllCounted() throws InterruptedException {
        int threads = 8;
        int runsPerThread = 10_000;
        CountDownLatch start = new CountDownLatch(1);
        List<Thread> workers = new ArrayList<>();
        for (int t = 0; t < threads; t++) {
            long lag = t;
            Thread worker = new Thread(() -> {
                try {
                    start.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
                for (int i = 0; i < runsPerThread; i++) {
                    history.runSucceeded(GOLD_T, RunKind.INCREMENTAL, Duration.ZERO, 1, 0, 0, 0);
                    history.lagMeasured(GOLD_T, lag, lag);
                    history.points(GOLD_T);
                }
            });
            worker.start();
            workers.add(worker);
        }
        start.countDown();
        for (Thread worker : workers) {
            worker.join();
        }
        assertEquals(List.of(point(T0, threads - 1, threads - 1, (long) threads * runsPerThread)),
                history.points(GOLD_T));
    }

    @Test
    void refusesAnEmptyIntervalOrCapacity() {
        assertThrows(IllegalArgumentException.class, () -> new TableHistory(clock, Duration.ZERO, 10));
        assertThrows(IllegalArgumentException.class, () -> new TableHistory(clock, Duration.ofSeconds(1), 0));
    }

    private static HistoryPoint point(Instant at, long versions, double seconds, long rows) {
        return new HistoryPoint(at, versions, seconds, rows);
    }

    /** A clock the test moves by hand. */
    private static final class SettableClock extends Clock {
        private volatile Instant now;

        SettableClock(Instant now) {
            this.now = now;
        }

        void at(Instant instant) {
            now = instant;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            throw new UnsupportedOperationException("not needed by the tests");
        }
    }
}
