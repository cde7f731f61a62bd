package io.lakesync.server.service;

import io.lakesync.core.engine.KeyColumns;
import io.lakesync.core.engine.SyncPreview;
import io.lakesync.core.error.ErrorCode;
import io.lakesync.core.error.LakesyncException;
import io.lakesync.core.model.SyncMode;
import io.lakesync.core.model.SyncedTableDefinition;
import io.lakesync.core.model.TableName;
import io.lakesync.core.model.TableSchema;
import io.lakesync.core.spi.PreviewResult;
import io.lakesync.core.spi.TableSource;
import io.lakesync.core.spi.TextPolicy;
import io.lakesync.postgres.PostgresSink;
import io.lakesync.postgres.catalog.RunPage;
import io.lakesync.postgres.catalog.SyncedTableCatalog;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps every synced table of one database up to date: loads the definitions from the catalog
 * at start (so a restarted server resumes each table from its watermark), checks every table's
 * source and schedule on a ticker, and runs due syncs on a bounded pool of workers, one run per
 * table at a time. CONTINUOUS tables hold no thread between applies: the ticker notices a new
 * version within one poll interval and queues an incremental run.
 */
public final class SyncService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SyncService.class);
    private static final int PREVIEW_SAMPLE_KEYS = 10;

    private final PostgresSink sink;
    private final SyncedTableCatalog catalog;
    private final ServiceSettings settings;
    private final SyncEvents events;
    private final Clock clock;
    private final TableSources sources;
    private final ConcurrentSkipListMap<String, ManagedTable> tables = new ConcurrentSkipListMap<>();
    private final ConcurrentSkipListMap<String, SourceWatch> watches = new ConcurrentSkipListMap<>();
    private final ThreadPoolExecutor workers;
    private final ScheduledExecutorService ticker;

    private SyncService(PostgresSink sink, ServiceSettings settings, SyncEvents events, Clock clock) {
        this.sink = sink;
        this.catalog = sink.catalog();
        this.settings = settings;
        this.events = events;
        this.clock = clock;
        this.sources = new TableSources();
        this.workers = new ThreadPoolExecutor(settings.workers(), settings.workers(), 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(), daemonThreads("lakesync-run"));
        this.ticker = Executors.newSingleThreadScheduledExecutor(daemonThreads("lakesync-ticker"));
    }

    /** Loads every synced table from the catalog and starts keeping them up to date. */
    public static SyncService start(PostgresSink sink, ServiceSettings settings, SyncEvents events, Clock clock) {
        SyncService service = new SyncService(sink, settings, events, clock);
        for (SyncedTableDefinition definition : service.catalog.list()) {
            service.manage(definition);
        }
        LOG.info("managing {} synced tables", service.tables.size());
        service.ticker.scheduleWithFixedDelay(service::tick, 0, settings.pollInterval().toMillis(),
                TimeUnit.MILLISECONDS);
        return service;
    }

    private ManagedTable manage(SyncedTableDefinition definition) {
        ManagedTable table = new ManagedTable(definition, sink.watermark(definition.name()));
        tables.put(definition.name().toString(), table);
        watches.put(definition.name().toString(), new SourceWatch(settings.fullSourceCheckInterval()));
        return table;
    }

    public List<TableStatus> list() {
        return tables.values().stream().map(ManagedTable::status).toList();
    }

    public TableStatus get(TableName name) {
        return table(name).status();
    }

    /** Validates the definition against the source (it exists, the key columns are there), stores it, starts syncing. */
    public TableStatus create(SyncedTableDefinition definition) {
        validate(definition);
        if (tables.containsKey(definition.name().toString())) {
            throw exists(definition.name());
        }
        SyncedTableDefinition stored = catalog.create(definition);
        return manage(stored).status();
    }

    /** Changes what may change while a table is synced: mode, schedule, SLA, extra indexes, pause. */
    public TableStatus update(TableName name, UnaryOperator<SyncedTableDefinition> change) {
        ManagedTable table = table(name);
        SyncedTableDefinition before = table.definition();
        SyncedTableDefinition after = change.apply(before);
        validateSettings(after);
        SyncedTableDefinition stored = catalog.update(after);
        table.redefine(stored);
        if (!before.spec().extraIndexes().equals(stored.spec().extraIndexes())) {
            catalog.applyExtraIndexes(stored.spec());
        }
        return table.status();
    }

    /**
     * Stops managing the table: a run in flight is cancelled (it rolls back), then the definition,
     * watermark and run history go; {@code purgeData} drops the Postgres table too.
     */
    public void delete(TableName name, boolean purgeData) {
        ManagedTable table = table(name);
        table.retire();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (table.runActive() && System.nanoTime() < deadline) {
            sleep(20);
        }
        catalog.delete(name, purgeData);
        tables.remove(name.toString());
        watches.remove(name.toString());
        sources.forget(name);
        events.tableRemoved(name);
    }

    /** Asks for a sync as soon as possible; false when a run is going already (it does not start twice). */
    public boolean requestSync(TableName name) {
        ManagedTable table = table(name);
        if (table.runActive()) {
            return false;
        }
        table.requestSync();
        return true;
    }

    /** Asks for a full copy that replaces the table atomically; false when a run is going already. */
    public boolean requestFullRefresh(TableName name) {
        ManagedTable table = table(name);
        if (table.runActive()) {
            return false;
        }
        table.requestFullRefresh();
        return true;
    }

    public PreviewResult preview(TableName name) {
        ManagedTable table = table(name);
        return new SyncPreview(sources.of(table.definition().spec()), sink, TextPolicy.FAIL).preview(table.definition().spec(),
                PREVIEW_SAMPLE_KEYS);
    }

    public RunPage runs(TableName name, int pageSize, OptionalLong beforeRunId) {
        table(name);
        return catalog.runs(name, pageSize, beforeRunId);
    }

    /** Runs waiting for a free worker. */
    public int queueDepth() {
        return workers.getQueue().size();
    }

    public int runsInProgress() {
        return workers.getActiveCount();
    }

    public int tableCount() {
        return tables.size();
    }

    private void tick() {
        Instant now = clock.instant();
        for (ManagedTable table : tables.values()) {
            try {
                check(table, now);
            } catch (RuntimeException e) {
                // one table's trouble (its source unreadable, say) must not stop the others
                LOG.debug("{}: check failed: {}", table.name(), e.toString());
            }
        }
    }

    private void check(ManagedTable table, Instant now) {
        // tables without data are watched too: a failed first copy retries when the source moves on
        try {
            observe(table, now);
        } catch (RuntimeException e) {
            // an unreadable source shows when the run reads it, with the full error; here it only hides the lag
            LOG.debug("{}: cannot look at the source: {}", table.name(), e.toString());
        }
        table.checkFreshness(now).ifPresent(breached -> events.freshnessChanged(table.name(), breached,
                table.secondsBehind(), table.definition().freshnessSlaSeconds().orElse(0), now));
        Optional<RunKind> due = table.claimDueRun(now);
        if (due.isPresent()) {
            TableSource source;
            try {
                source = sources.of(table.definition().spec());
            } catch (LakesyncException e) {
                table.runFailed(e.code(), e.getMessage(), now, settings.retry());
                events.runFailed(table.name(), due.get(), Duration.ZERO, e.code(), e.getMessage(),
                        Optional.empty());
                return;
            }
            workers.execute(new TableRun(table, due.get(), source, sink, settings, events, clock));
        }
    }

    private void observe(ManagedTable table, Instant now) {
        SourceWatch watch = watches.get(table.name().toString());
        if (watch == null) {
            return;
        }
        TableSource source = sources.of(table.definition().spec());
        SourceWatch.Observation seen = watch.observe(source, table.watermarkVersion(), table.latestKnown(), now);
        table.observeSource(seen.latest(), seen.oldestPendingCommit(), now);
        events.lagMeasured(table.name(), table.versionsBehind(), table.secondsBehind());
    }

    private void validate(SyncedTableDefinition definition) {
        validateSettings(definition);
        TableSchema schema = TableSources.open(definition.spec()).snapshot(OptionalLong.empty(), List.of()).schema();
        KeyColumns.validate(definition.spec(), schema);
        for (String column : definition.spec().columns()) {
            if (schema.find(column).isEmpty()) {
                throw new LakesyncException(ErrorCode.COLUMN_NOT_FOUND, "Column '" + column + "' in columns is not"
                        + " in the source " + definition.spec().source() + ". Name existing columns, or leave"
                        + " columns empty to sync all of them.");
            }
        }
    }

    private static void validateSettings(SyncedTableDefinition definition) {
        definition.schedule().ifPresent(schedule -> {
            if (definition.spec().mode() == SyncMode.CONTINUOUS) {
                throw new LakesyncException(ErrorCode.INVALID_ARGUMENT, "A CONTINUOUS table needs no schedule: it"
                        + " applies new versions as they land. Remove the schedule, or use scheduling_policy TRIGGERED.");
            }
            ScheduleClock.validate(schedule);
        });
        definition.freshnessSlaSeconds().ifPresent(sla -> {
            if (sla <= 0) {
                throw new LakesyncException(ErrorCode.INVALID_ARGUMENT, "freshness_sla_seconds must be positive (got "
                        + sla + "). Give the most seconds the table may lag its source, or leave it out.");
            }
        });
    }

    private ManagedTable table(TableName name) {
        ManagedTable table = tables.get(name.toString());
        if (table == null) {
            throw new LakesyncException(ErrorCode.SYNCED_TABLE_NOT_FOUND, "No synced table named " + name
                    + ". List them with GET /api/2.0/database/synced_tables (or `lakesync tables list`).");
        }
        return table;
    }

    private static LakesyncException exists(TableName name) {
        return new LakesyncException(ErrorCode.SYNCED_TABLE_EXISTS, "A synced table named " + name + " exists"
                + " already. Change it with PATCH (or `lakesync apply`), or delete it first.");
    }

    /** Stops the ticker, asks running syncs to stop (they roll back), waits for them, closes nothing else. */
    @Override
    public void close() {
        ticker.shutdownNow();
        tables.values().forEach(ManagedTable::cancelActiveRun);
        workers.shutdownNow();
        try {
            if (!workers.awaitTermination(30, TimeUnit.SECONDS)) {
                LOG.warn("some runs did not stop within 30 s; their transactions roll back when the process exits");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static java.util.concurrent.ThreadFactory daemonThreads(String prefix) {
        java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        return r -> {
            Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
