package io.lakesync.bench;

import java.util.Set;
import java.util.TreeSet;

/**
 * Scrapes the server's {@code /metrics} once a second while the writers run and keeps what tells
 * where the time goes: runs waiting for a worker (queue depth), runs executing, connections in
 * use, the server's own lag gauge and its freshness-SLA flags.
 */
final class ServerMetricsSampler implements AutoCloseable {

    private static final long SCRAPE_MILLIS = 1_000;

    /** Mean and maximum of one gauge over the scrapes. */
    static final class Gauge {
        private double sum;
        private double max;
        private int count;

        void add(double value) {
            sum += value;
            max = Math.max(max, value);
            count++;
        }

        double mean() {
            return count == 0 ? 0 : sum / count;
        }

        double max() {
            return max;
        }
    }

    private final ServerProcess server;
    private final Thread thread;
    final Gauge queueDepth = new Gauge();
    final Gauge runsInProgress = new Gauge();
    final Gauge connectionsInUse = new Gauge();
    final Gauge maxLagSeconds = new Gauge();
    private final Set<String> breachedTables = new TreeSet<>();
    private volatile int scrapes;
    private volatile int failures;
    private volatile boolean stopped;

    ServerMetricsSampler(ServerProcess server) {
        this.server = server;
        this.thread = new Thread(this::scrapeLoop, "metrics-sampler");
        thread.setDaemon(true);
        thread.start();
    }

    private void scrapeLoop() {
        while (!stopped) {
            try {
                ServerMetrics m = ServerMetrics.parse(server.metrics());
                synchronized (this) {
                    queueDepth.add(m.sum("lakesync_run_queue_depth"));
                    runsInProgress.add(m.sum("lakesync_runs_in_progress"));
                    connectionsInUse.add(m.sum("lakesync_db_connections_in_use"));
                    maxLagSeconds.add(m.max("lakesync_lag_seconds"));
                    breachedTables.addAll(m.labelsAboveZero("lakesync_freshness_sla_breached", "table"));
                }
                scrapes++;
            } catch (java.io.IOException | RuntimeException e) {
                failures++; // a missed scrape only thins the samples
            } catch (InterruptedException e) {
                return;
            }
            try {
                Thread.sleep(SCRAPE_MILLIS);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    int scrapes() {
        return scrapes;
    }

    int failures() {
        return failures;
    }

    /** Tables the server itself flagged as over their freshness SLA at some scrape. */
    synchronized Set<String> breachedTables() {
        return new TreeSet<>(breachedTables);
    }

    @Override
    public void close() throws InterruptedException {
        stopped = true;
        thread.interrupt();
        thread.join(2000);
    }
}
