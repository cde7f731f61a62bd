package io.lakesync.server.metrics;

import io.lakesync.client.model.HistoryPoint;
import io.lakesync.core.model.TableName;
import io.lakesync.server.service.RunKind;
import io.lakesync.server.service.SyncEvents;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Recent lag and throughput of each table, in memory, for the console's chart
 * ({@code GET .../synced_tables/{name}/history}).
 *
 * <p>Time is cut into periods of {@link #DEFAULT_INTERVAL} (5 s). A period's point holds the
 * worst lag seen in it (the largest versions and seconds behind, so a spike between two samples is
 * not lost) and the rows that succeeded runs applied in it (inserted + updated + deleted +
 * snapshot rows); its {@code at} is the time of the period's last event. The open period is
 * returned as the newest point and changes with every event until the next period starts. The
 * last {@link #DEFAULT_CAPACITY} points (1 hour) are kept. Thread-safe.
 */
public final class TableHistory implements SyncEvents {

    public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(5);
    public static final int DEFAULT_CAPACITY = 720;

    private final Clock clock;
    private final Duration interval;
    private final int capacity;
    private final Map<TableName, Series> series = new ConcurrentHashMap<>();

    public TableHistory() {
        this(Clock.systemUTC(), DEFAULT_INTERVAL, DEFAULT_CAPACITY);
    }

    /**
     * @param interval the length of one point's period
     * @param capacity how many points to keep per table, the newest (open) one included
     */
    public TableHistory(Clock clock, Duration interval, int capacity) {
        this.clock = Objects.requireNonNull(clock, "clock");
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("The history interval must be positive, got " + interval);
        }
        if (capacity < 1) {
            throw new IllegalArgumentException("The history must keep at least one point, got " + capacity);
        }
        this.interval = interval;
        this.capacity = capacity;
    }

    /** The table's points, oldest first; empty for a table without events. */
    public List<HistoryPoint> points(TableName table) {
        Series s = series.get(table);
        return s == null ? List.of() : s.points();
    }

    @Override
    public void lagMeasured(TableName table, long versionsBehind, double secondsBehind) {
        series(table).measured(clock.instant(), versionsBehind, secondsBehind);
    }

    @Override
    public void runSucceeded(TableName table, RunKind kind, Duration duration, long inserted, long updated,
            long deleted, long snapshotRows) {
        series(table).applied(clock.instant(), inserted + updated + deleted + snapshotRows);
    }

    @Override
    public void tableRemoved(TableName table) {
        series.remove(table);
    }

    private Series series(TableName table) {
        return series.computeIfAbsent(table, t -> new Series());
    }

    /** One table's closed points and its open period; guarded by its own monitor. */
    private final class Series {
        private final ArrayDeque<HistoryPoint> closed = new ArrayDeque<>();
        // The last measured lag carries into a period that has no measurement of its own (a run
        // ended but the lag was not checked in between), rather than showing a false zero.
        private long lastVersions;
        private double lastSeconds;
        private boolean open;
        private Instant periodStart;
        private Instant lastEvent;
        private boolean lagSeen;
        private long maxVersions;
        private double maxSeconds;
        private long rows;

        synchronized void measured(Instant now, long versionsBehind, double secondsBehind) {
            advance(now);
            if (lagSeen) {
                maxVersions = Math.max(maxVersions, versionsBehind);
                maxSeconds = Math.max(maxSeconds, secondsBehind);
            } else {
                maxVersions = versionsBehind;
                maxSeconds = secondsBehind;
                lagSeen = true;
            }
            lastVersions = versionsBehind;
            lastSeconds = secondsBehind;
        }

        synchronized void applied(Instant now, long rowsApplied) {
            advance(now);
            rows += rowsApplied;
        }

        synchronized List<HistoryPoint> points() {
            List<HistoryPoint> all = new ArrayList<>(closed.size() + 1);
            all.addAll(closed);
            if (open) {
                all.add(openPoint());
            }
            return List.copyOf(all.subList(Math.max(0, all.size() - capacity), all.size()));
        }

        /** Closes the open period if {@code now} is past it, then makes sure one is open at {@code now}. */
        private void advance(Instant now) {
            if (open && !now.isBefore(periodStart.plus(interval))) {
                closed.addLast(openPoint());
                while (closed.size() > capacity) {
                    closed.removeFirst();
                }
                open = false;
            }
            if (!open) {
                open = true;
                periodStart = now;
                lagSeen = false;
                rows = 0;
            }
            lastEvent = now;
        }

        private HistoryPoint openPoint() {
            long versions = lagSeen ? maxVersions : lastVersions;
            double seconds = lagSeen ? maxSeconds : lastSeconds;
            return new HistoryPoint(lastEvent, versions, seconds, rows);
        }
    }
}
