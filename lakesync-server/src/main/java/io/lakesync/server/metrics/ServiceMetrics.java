package io.lakesync.server.metrics;

import io.lakesync.core.error.ErrorCode;
import io.lakesync.core.model.TableName;
import io.lakesync.server.service.RunKind;
import io.lakesync.server.service.SyncEvents;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * The service's Prometheus metrics: what the sync events report per table, what the service's
 * suppliers say about its queue and connection pool, and the JVM basics. {@link #scrape()} gives
 * the text for {@code GET /metrics}.
 *
 * <p>Label values: {@code table} is {@code schema.table}; {@code kind} is inserted, updated,
 * deleted or snapshot; {@code run_kind} is the lower-case {@link RunKind} (initial_snapshot,
 * full_refresh, incremental); {@code outcome} is succeeded or failed; {@code error_code} is the
 * {@link ErrorCode} name as stored in the run history, so alerts match the same string.
 */
public final class ServiceMetrics implements SyncEvents, AutoCloseable {

    /** The content type of {@link #scrape()}: Prometheus text exposition format 0.0.4. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    /*
     * Fixed buckets rather than Micrometer's percentile histogram (about 70 buckets per series) or
     * client-side quantiles (which cannot be aggregated across tables): runs last from tens of
     * milliseconds (a small incremental) to an hour (a large snapshot).
     */
    private static final Duration[] RUN_DURATION_BUCKETS = {
            Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500), Duration.ofSeconds(1),
            Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(30),
            Duration.ofMinutes(1), Duration.ofMinutes(2), Duration.ofMinutes(5), Duration.ofMinutes(10),
            Duration.ofMinutes(30), Duration.ofHours(1) };

    private static final String TABLE = "table";

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gcMetrics = new JvmGcMetrics();
    private final Map<TableName, TableGauges> tableGauges = new ConcurrentHashMap<>();

    public ServiceMetrics(LongSupplier queueDepth, LongSupplier runsInProgress, LongSupplier connectionsInUse,
            LongSupplier connectionsMax) {
        serviceGauge("lakesync.run.queue.depth", "Runs waiting for a worker", queueDepth);
        serviceGauge("lakesync.runs.in.progress", "Runs executing now", runsInProgress);
        serviceGauge("lakesync.db.connections.in.use", "Connections of the catalog pool in use", connectionsInUse);
        serviceGauge("lakesync.db.connections.max", "Size limit of the catalog connection pool", connectionsMax);
        new JvmMemoryMetrics().bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        gcMetrics.bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
    }

    /** The text for {@code GET /metrics}, served with {@link #CONTENT_TYPE}. */
    public String scrape() {
        return registry.scrape();
    }

    /** The registry, for binders the server adds itself (HTTP server, connection pool). */
    public MeterRegistry registry() {
        return registry;
    }

    @Override
    public void runSucceeded(TableName table, RunKind kind, Duration duration, long inserted, long updated,
            long deleted, long snapshotRows) {
        rowsApplied(table, "inserted").increment(inserted);
        rowsApplied(table, "updated").increment(updated);
        rowsApplied(table, "deleted").increment(deleted);
        rowsApplied(table, "snapshot").increment(snapshotRows);
        runs(table, "succeeded").increment();
        runDuration(table, kind).record(duration);
    }

    @Override
    public void runFailed(TableName table, RunKind kind, Duration duration, ErrorCode code, String message,
            Optional<Instant> nextRetry) {
        runs(table, "failed").increment();
        Counter.builder("lakesync.failures")
                .description("Runs that failed, by error code")
                .tag(TABLE, table.toString())
                .tag("error_code", code.name())
                .register(registry)
                .increment();
        // Failed runs count too: the time a table spends running is load on the source and target either way.
        runDuration(table, kind).record(duration);
    }

    @Override
    public void lagMeasured(TableName table, long versionsBehind, double secondsBehind) {
        TableGauges gauges = gauges(table);
        gauges.versionsBehind = versionsBehind;
        gauges.secondsBehind = secondsBehind;
    }

    @Override
    public void freshnessChanged(TableName table, boolean breached, double secondsBehind, long slaSeconds,
            Instant at) {
        gauges(table).slaBreached = breached ? 1 : 0;
    }

    @Override
    public void tableRemoved(TableName table) {
        tableGauges.remove(table);
        String name = table.toString();
        List<Meter> meters = registry.getMeters().stream()
                .filter(m -> name.equals(m.getId().getTag(TABLE)))
                .collect(Collectors.toList());
        meters.forEach(registry::remove);
    }

    @Override
    public void close() {
        gcMetrics.close();
        registry.close();
    }

    private void serviceGauge(String name, String description, LongSupplier supplier) {
        Objects.requireNonNull(supplier, name);
        Gauge.builder(name, supplier, s -> (double) s.getAsLong())
                .description(description)
                .strongReference(true)
                .register(registry);
    }

    private Counter rowsApplied(TableName table, String kind) {
        return Counter.builder("lakesync.rows.applied")
                .description("Rows written to the target by succeeded runs")
                .tag(TABLE, table.toString())
                .tag("kind", kind)
                .register(registry);
    }

    private Counter runs(TableName table, String outcome) {
        return Counter.builder("lakesync.runs")
                .description("Runs that ended, by outcome")
                .tag(TABLE, table.toString())
                .tag("outcome", outcome)
                .register(registry);
    }

    private Timer runDuration(TableName table, RunKind kind) {
        return Timer.builder("lakesync.run.duration")
                .description("How long runs take, succeeded or failed")
                .tag(TABLE, table.toString())
                .tag("run_kind", kind.name().toLowerCase(Locale.ROOT))
                .serviceLevelObjectives(RUN_DURATION_BUCKETS)
                .register(registry);
    }

    private TableGauges gauges(TableName table) {
        return tableGauges.computeIfAbsent(table, t -> new TableGauges(registry, t));
    }

    /** The last measured values behind one table's gauges (Micrometer reads them at scrape time). */
    private static final class TableGauges {
        volatile long versionsBehind;
        volatile double secondsBehind;
        volatile int slaBreached;

        TableGauges(MeterRegistry registry, TableName table) {
            String name = table.toString();
            Gauge.builder("lakesync.lag.versions", this, g -> (double) g.versionsBehind)
                    .description("Delta versions the target is behind its source, last measured")
                    .tag(TABLE, name).strongReference(true).register(registry);
            Gauge.builder("lakesync.lag.seconds", this, g -> g.secondsBehind)
                    .description("Seconds the target is behind its source, last measured")
                    .tag(TABLE, name).strongReference(true).register(registry);
            Gauge.builder("lakesync.freshness.sla.breached", this, g -> g.slaBreached)
                    .description("1 while the table is behind its freshness SLA, else 0")
                    .tag(TABLE, name).strongReference(true).register(registry);
        }
    }
}
