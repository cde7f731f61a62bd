package io.lakesync.postgres;

import static io.lakesync.postgres.SinkFixture.col;
import static io.lakesync.postgres.SinkFixture.schema;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakesync.core.error.ErrorCode;
import io.lakesync.core.error.LakesyncException;
import io.lakesync.core.model.ColumnType;
import io.lakesync.core.model.Schedule;
import io.lakesync.core.model.SyncMode;
import io.lakesync.core.model.SyncedTableDefinition;
import io.lakesync.core.model.SyncedTableSpec;
import io.lakesync.core.model.TableName;
import io.lakesync.core.model.TableSchema;
import io.lakesync.core.spi.RunHistory;
import io.lakesync.core.spi.RunOutcome;
import io.lakesync.core.spi.RunRecord;
import io.lakesync.core.spi.TextPolicy;
import io.lakesync.postgres.catalog.ApiTokens;
import io.lakesync.postgres.catalog.AuditEntry;
import io.lakesync.postgres.catalog.AuditLog;
import io.lakesync.postgres.catalog.AuditPage;
import io.lakesync.postgres.catalog.RunPage;
import io.lakesync.postgres.catalog.SyncedTableCatalog;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The service's catalog: synced table definitions, runs, audit log and API tokens, in a real database. */
class CatalogIT {

    private static final TableSchema ITEMS = schema(col("id", ColumnType.LONG), col("name", ColumnType.STRING));
    private static final String HASH_A = "a".repeat(64);
    private static final String HASH_B = "0123456789abcdef".repeat(4);

    private static SinkFixture db;
    private static SyncedTableCatalog catalog;

    @BeforeAll
    static void start() {
        db = new SinkFixture();
        catalog = db.sink.catalog();
    }

    @AfterAll
    static void stop() {
        db.close();
    }

    private static SyncedTableSpec spec(String name, List<String> extraIndexes) {
        return new SyncedTableSpec("/data/" + name, TableName.parse(name), List.of("id"), Optional.empty(),
                SyncMode.TRIGGERED, List.of(), extraIndexes);
    }

    private static SyncedTableDefinition definition(String name, Schedule schedule, OptionalLong sla, boolean paused) {
        return new SyncedTableDefinition(spec(name, List.of("name", "name, id")), Optional.ofNullable(schedule), sla,
                paused, Optional.empty(), Optional.empty());
    }

    /** The definition as stored, without the times the database sets. */
    private static SyncedTableDefinition timeless(SyncedTableDefinition d) {
        return new SyncedTableDefinition(d.spec(), d.schedule(), d.freshnessSlaSeconds(), d.paused(), Optional.empty(),
                Optional.empty());
    }

    @Test
    void definitionsAreCreatedReadListedAndUpdated() {
        SyncedTableDefinition interval = definition("crud.b_interval", new Schedule.Interval(Duration.ofSeconds(300)),
                OptionalLong.of(60), false);
        SyncedTableDefinition cron = definition("crud.a_cron", new Schedule.Cron("*/5 * * * *"), OptionalLong.empty(),
                true);
        SyncedTableDefinition onChange = definition("crud.c_change", new Schedule.OnSourceChange(), OptionalLong.of(5),
                false);
        SyncedTableDefinition unscheduled = definition("crud.d_none", null, OptionalLong.empty(), false);
        for (SyncedTableDefinition d : List.of(interval, cron, onChange, unscheduled)) {
            SyncedTableDefinition created = catalog.create(d);
            assertEquals(d, timeless(created));
            assertTrue(created.createdAt().isPresent() && created.updatedAt().isPresent());
            assertEquals(Optional.of(created), catalog.get(d.name()));
        }
        assertEquals(List.of("crud.a_cron", "crud.b_interval", "crud.c_change", "crud.d_none"),
                catalog.list().stream().filter(d -> d.name().schema().equals("crud")).map(d -> d.name().toString())
                        .toList());
        assertEquals(Optional.empty(), catalog.get(TableName.parse("crud.nothing")));

        LakesyncException exists = assertThrows(LakesyncException.class, () -> catalog.create(interval));
        assertEquals(ErrorCode.SYNCED_TABLE_EXISTS, exists.code());
        assertTrue(exists.getMessage().contains("crud.b_interval"), exists.getMessage());

        SyncedTableDefinition before = catalog.get(interval.name()).orElseThrow();
        SyncedTableDefinition changed = new SyncedTableDefinition(spec("crud.b_interval", List.of("id, name")),
                Optional.of(new Schedule.Cron("0 * * * *")), OptionalLong.empty(), true, Optional.empty(),
                Optional.empty());
        SyncedTableDefinition updated = catalog.update(changed);
        assertEquals(changed, timeless(updated));
        assertEquals(before.createdAt(), updated.createdAt());
        assertTrue(updated.updatedAt().orElseThrow().isAfter(before.updatedAt().orElseThrow()));
        assertEquals(ErrorCode.SYNCED_TABLE_NOT_FOUND, assertThrows(LakesyncException.class,
                () -> catalog.update(definition("crud.missing", null, OptionalLong.empty(), false))).code());
    }

    @Test
    void aRunStartedFromTheCommandLineKeepsTheServiceSettingsAndStoresExtraIndexes() {
        SyncedTableDefinition managed = catalog.create(definition("keep.orders",
                new Schedule.Interval(Duration.ofSeconds(30)), OptionalLong.of(120), true));
        SyncedTableSpec fromCli = spec("keep.orders", List.of("name"));
        db.sink.runHistory().start(fromCli, SyncMode.TRIGGERED);
        SyncedTableDefinition after = catalog.get(managed.name()).orElseThrow();
        assertEquals(fromCli, after.spec());
        assertEquals(managed.schedule(), after.schedule());
        assertEquals(managed.freshnessSlaSeconds(), after.freshnessSlaSeconds());
        assertTrue(after.paused());
        assertEquals(Optional.of(fromCli), db.sink.definition(managed.name()));

        // a table only ever synced from the command line has a definition without service settings
        db.sink.runHistory().start(spec("keep.cli_only", List.of()), SyncMode.SNAPSHOT);
        SyncedTableDefinition cliOnly = catalog.get(TableName.parse("keep.cli_only")).orElseThrow();
        assertEquals(Optional.empty(), cliOnly.schedule());
        assertFalse(cliOnly.paused());
        assertEquals(List.of(), cliOnly.spec().extraIndexes());
    }

    @Test
    void runsComePagedNewestFirst() {
        RunHistory history = db.sink.runHistory();
        SyncedTableSpec spec = spec("paging.runs", List.of());
        List<Long> ids = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            long run = history.start(spec, i == 0 ? SyncMode.SNAPSHOT : SyncMode.TRIGGERED);
            ids.add(run);
            if (i == 3) {
                history.failed(run, new RunOutcome(OptionalLong.of(3), OptionalLong.empty(), 0, 0), "LOCK_TIMEOUT",
                        "readers kept the table locked");
            } else if (i < 4) {
                history.succeeded(run, new RunOutcome(OptionalLong.of(i), OptionalLong.of(i + 1), 10, 1, 4, 5, 1, 0));
            }
        }
        history.start(spec("paging.other", List.of()), SyncMode.SNAPSHOT);
        TableName name = spec.target();

        RunPage first = catalog.runs(name, 2, OptionalLong.empty());
        assertEquals(List.of(ids.get(4), ids.get(3)), first.runs().stream().map(RunRecord::runId).toList());
        assertEquals(OptionalLong.of(ids.get(3)), first.nextBeforeRunId());
        RunRecord running = first.runs().get(0);
        assertEquals("RUNNING", running.outcome());
        assertEquals(Optional.empty(), running.endedAt());
        assertEquals(OptionalLong.empty(), running.toVersion());
        RunRecord failed = first.runs().get(1);
        assertEquals("FAILED", failed.outcome());
        assertEquals(Optional.of("LOCK_TIMEOUT"), failed.errorCode());
        assertEquals(Optional.of("readers kept the table locked"), failed.errorMessage());
        assertTrue(failed.endedAt().isPresent());

        RunPage second = catalog.runs(name, 2, first.nextBeforeRunId());
        assertEquals(List.of(ids.get(2), ids.get(1)), second.runs().stream().map(RunRecord::runId).toList());
        RunRecord succeeded = second.runs().get(0);
        assertEquals(new RunRecord(ids.get(2), "paging.runs", SyncMode.TRIGGERED, succeeded.startedAt(),
                succeeded.endedAt(), "SUCCEEDED", OptionalLong.of(2), OptionalLong.of(3), 10, 1, 4, 5, 1, 0,
                Optional.empty(), Optional.empty()), succeeded);

        RunPage last = catalog.runs(name, 2, second.nextBeforeRunId());
        assertEquals(List.of(ids.get(0)), last.runs().stream().map(RunRecord::runId).toList());
        assertEquals(SyncMode.SNAPSHOT, last.runs().get(0).mode());
        assertEquals(OptionalLong.empty(), last.nextBeforeRunId());
        assertEquals(OptionalLong.empty(), catalog.runs(name, 5, OptionalLong.empty()).nextBeforeRunId());

        assertEquals(Optional.of(ids.get(4)), catalog.latestRun(name).map(RunRecord::runId));
        assertEquals(Optional.empty(), catalog.latestRun(TableName.parse("paging.never")));
        assertEquals(List.of(), catalog.runs(TableName.parse("paging.never"), 10, OptionalLong.empty()).runs());
        assertEquals(ErrorCode.INVALID_ARGUMENT, assertThrows(LakesyncException.class,
                () -> catalog.runs(name, 0, OptionalLong.empty())).code());
    }

    @Test
    void deleteForgetsTheTableAndPurgeDropsOnlyATableLakesyncMade() {
        SyncedTableSpec kept = spec("purge.kept", List.of());
        SyncedTableSpec purged = spec("purge.dropped", List.of());
        for (SyncedTableSpec spec : List.of(kept, purged)) {
            catalog.create(new SyncedTableDefinition(spec, Optional.empty(), OptionalLong.empty(), false,
                    Optional.empty(), Optional.empty()));
            long run = db.sink.runHistory().start(spec, SyncMode.SNAPSHOT);
            db.snapshotInRun(run, spec, ITEMS, 3, TextPolicy.FAIL, TestBatch.of(ITEMS).row(1L, "a").build());
        }

        assertTrue(catalog.delete(kept.target(), false));
        assertEquals(Optional.empty(), catalog.get(kept.target()));
        assertEquals(Optional.empty(), db.sink.watermark(kept.target()));
        assertEquals(List.of(), catalog.runs(kept.target(), 10, OptionalLong.empty()).runs());
        assertEquals("1", db.scalar("SELECT count(*) FROM purge.kept"));
        assertFalse(catalog.delete(kept.target(), false));

        assertTrue(catalog.delete(purged.target(), true));
        assertEquals("f", db.scalar("SELECT to_regclass('purge.dropped') IS NOT NULL"));
        assertEquals(Optional.empty(), db.sink.watermark(purged.target()));

        // a definition that never synced, named like a table someone else owns: that table stays
        db.execute("CREATE TABLE purge.theirs (id bigint)");
        SyncedTableSpec theirs = spec("purge.theirs", List.of());
        catalog.create(new SyncedTableDefinition(theirs, Optional.empty(), OptionalLong.empty(), false,
                Optional.empty(), Optional.empty()));
        assertTrue(catalog.delete(theirs.target(), true));
        assertEquals("t", db.scalar("SELECT to_regclass('purge.theirs') IS NOT NULL"));
        assertEquals(Optional.empty(), catalog.get(theirs.target()));
    }

    @Test
    void theAuditLogKeepsEachChangeAndPagesNewestFirst() {
        AuditLog audit = catalog.auditLog();
        audit.append("admin", "CREATE", "gold.churn", "{\"name\": \"gold.churn\", \"paused\": false}", "10.0.0.7");
        audit.append("admin", "SYNC", "gold.churn", null, null);
        audit.append("ci", "UPDATE", null, "not json \0 at all", "::1");
        AuditPage first = audit.page(2, OptionalLong.empty());
        assertEquals(2, first.entries().size());
        AuditEntry newest = first.entries().get(0);
        assertEquals(List.of("ci", "UPDATE"), List.of(newest.actor(), newest.action()));
        assertEquals(null, newest.target());
        assertEquals("\"not json \uFFFD at all\"", newest.requestJson());
        assertEquals("::1", newest.remoteAddress());
        AuditEntry sync = first.entries().get(1);
        assertEquals(List.of("admin", "SYNC", "gold.churn"), List.of(sync.actor(), sync.action(), sync.target()));
        assertEquals(null, sync.requestJson());
        assertFalse(sync.at().isAfter(newest.at()));
        assertEquals(OptionalLong.of(sync.id()), first.nextBeforeId());

        AuditPage second = audit.page(2, first.nextBeforeId());
        assertEquals(1, second.entries().size());
        AuditEntry created = second.entries().get(0);
        assertEquals("{\"name\": \"gold.churn\", \"paused\": false}", created.requestJson());
        assertEquals("10.0.0.7", created.remoteAddress());
        assertEquals(OptionalLong.empty(), second.nextBeforeId());
        assertEquals(ErrorCode.INVALID_ARGUMENT, assertThrows(LakesyncException.class,
                () -> audit.append(" ", "CREATE", null, null, null)).code());
    }

    @Test
    void apiTokensAreFoundByTheirHash() {
        ApiTokens tokens = catalog.apiTokens();
        assertFalse(tokens.any());
        assertEquals(Optional.empty(), tokens.nameOf(HASH_A));
        tokens.store("admin", HASH_A);
        assertTrue(tokens.any());
        assertEquals(Optional.of("admin"), tokens.nameOf(HASH_A));
        assertEquals(Optional.of("admin"), tokens.nameOf(HASH_A.toUpperCase()));
        assertEquals(Optional.empty(), tokens.nameOf("not a hash"));
        assertEquals(Optional.empty(), tokens.nameOf(null));

        tokens.store("admin", HASH_B); // a new token for admin replaces the old one
        assertEquals(Optional.empty(), tokens.nameOf(HASH_A));
        assertEquals(Optional.of("admin"), tokens.nameOf(HASH_B));
        tokens.store("ci", HASH_B); // the same token under another name moves there
        assertEquals(Optional.of("ci"), tokens.nameOf(HASH_B));
        assertEquals("1", db.scalar("SELECT count(*) FROM lakesync.api_tokens"));

        LakesyncException plain = assertThrows(LakesyncException.class, () -> tokens.store("x", "s3cret-token"));
        assertEquals(ErrorCode.INVALID_ARGUMENT, plain.code());
        assertFalse(plain.getMessage().contains("s3cret-token"), plain.getMessage());
    }
}
