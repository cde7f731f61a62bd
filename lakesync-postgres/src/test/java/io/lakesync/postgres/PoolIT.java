package io.lakesync.postgres;

import static io.lakesync.postgres.IncrementalApplyTest.deletes;
import static io.lakesync.postgres.IncrementalApplyTest.upserts;
import static io.lakesync.postgres.SinkFixture.applyPlan;
import static io.lakesync.postgres.SinkFixture.col;
import static io.lakesync.postgres.SinkFixture.schema;
import static io.lakesync.postgres.SinkFixture.spec;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakesync.core.error.ErrorCode;
import io.lakesync.core.error.LakesyncException;
import io.lakesync.core.model.ColumnType;
import io.lakesync.core.model.RowBatch;
import io.lakesync.core.model.SyncMode;
import io.lakesync.core.model.SyncedTableSpec;
import io.lakesync.core.model.TableSchema;
import io.lakesync.core.spi.ApplyResult;
import io.lakesync.core.spi.IncrementalApply;
import io.lakesync.core.spi.RunOutcome;
import io.lakesync.core.spi.SnapshotLoad;
import io.lakesync.core.spi.SnapshotPlan;
import io.lakesync.core.spi.TextPolicy;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The sink's connection pool: bounded, every connection comes back clean, and it survives a server restart. */
class PoolIT {

    private static final Logger LOG = LoggerFactory.getLogger(PoolIT.class);
    private static final TableSchema ITEMS = schema(col("id", ColumnType.LONG), col("name", ColumnType.STRING),
            col("qty", ColumnType.INT));

    /** Sessions this database's pool holds open, as the server sees them. */
    private static long sessions(SinkFixture db) {
        return Long.parseLong(db.scalar("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                + " AND application_name = 'lakesync'"));
    }

    @Test
    void manyOperationsSucceedingOrFailingReturnEveryConnection() {
        try (SinkFixture db = new SinkFixture(PostgresSinkOptions.defaults().withMaxConnections(2))) {
            assertEquals(2, db.sink.connectionsMax());
            SyncedTableSpec spec = spec("public.pooled", "id");
            db.snapshot(spec, ITEMS, 1, TestBatch.of(ITEMS).row(1L, "a", 1).build());
            for (int round = 0; round < 25; round++) {
                long v = round + 1;
                ApplyResult applied = db.apply(spec, ITEMS, v, v + 1,
                        upserts(v + 1, ITEMS, new Object[] {v + 1, "n" + v, (int) v}), deletes(v + 1, ITEMS, v));
                assertEquals(1, applied.rowsInserted());
                // a comparison uses temporary tables; the next apply on that pooled session still works
                assertTrue(db.sink.compare(spec, ITEMS, List.<RowBatch>of(TestBatch.of(ITEMS)
                        .row(v + 1, "n" + v, (int) v).build()).iterator(), 3).equal());
                assertEquals(v + 1, db.sink.watermark(spec.target()).orElseThrow().version().version());
                long run = db.sink.runHistory().start(spec, SyncMode.TRIGGERED);
                db.sink.runHistory().succeeded(run, RunOutcome.nothing());
                db.sink.catalog().runs(spec.target(), 5, OptionalLong.empty());
                // failures give their connection back too: a watermark elsewhere, duplicate keys
                assertEquals(ErrorCode.TARGET_CONFLICT, assertThrows(LakesyncException.class,
                        () -> db.sink.beginApply(applyPlan(spec, ITEMS, 0, 1))).code());
                assertEquals(ErrorCode.PRIMARY_KEY_CONSTRAINT_VIOLATION, assertThrows(LakesyncException.class,
                        () -> db.snapshot(spec("public.duplicates", "id"), ITEMS, 1, TestBatch.of(ITEMS)
                                .row(1L, "a", 1).row(1L, "b", 2).build())).code());
                try (IncrementalApply abandoned = db.sink.beginApply(applyPlan(spec, ITEMS, v + 1, v + 2))) {
                    abandoned.write(upserts(v + 2, ITEMS, new Object[] {99L, "never", 0}));
                    assertEquals(1, db.sink.connectionsInUse());
                }
                assertEquals(0, db.sink.connectionsInUse(), "round " + round);
            }
            assertTrue(sessions(db) <= 2, sessions(db) + " sessions");
            assertEquals("0", db.scalar("SELECT count(*) FROM public.pooled WHERE id = 99"));
            db.sink.close();
            assertEquals(0, sessions(db));
            assertThrows(IllegalStateException.class, () -> db.sink.watermark(spec.target()));
        }
    }

    @Test
    void afterPostgresRestartsTheNextSyncSucceeds(@TempDir Path data) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        EmbeddedPostgres server = start(data, port);
        try (PostgresSink sink = PostgresSink.connect(server.getJdbcUrl("postgres", "postgres"),
                PostgresSinkOptions.defaults().withMaxConnections(3))) {
            SyncedTableSpec spec = spec("public.restarted", "id");
            snapshot(sink, spec);
            // an apply in flight when the server stops fails as a lost connection, retryable
            IncrementalApply inFlight = sink.beginApply(applyPlan(spec, ITEMS, 1, 2));
            inFlight.write(upserts(2, ITEMS, new Object[] {2L, "b", 2}));
            server.close();
            LakesyncException lost = assertThrows(LakesyncException.class, inFlight::commit);
            inFlight.close();
            assertEquals(ErrorCode.TARGET_UNAVAILABLE, lost.code(), lost::describe);
            assertTrue(lost.code().retryable());
            assertEquals(0, sink.connectionsInUse());

            server = start(data, port);
            ApplyResult retried = applyAfterRestart(sink, spec);
            assertEquals(1, retried.rowsInserted());
            assertEquals(2, sink.watermark(spec.target()).orElseThrow().version().version());
            assertEquals(0, sink.connectionsInUse());
        } finally {
            server.close();
        }
    }

    /**
     * The retried sync. A pooled connection used within the last half second is handed out without a
     * check, so in principle the first attempt may still meet a dead one: it then fails retryably
     * (the pool drops that connection) and the retry succeeds, as the service's retry would.
     */
    private static ApplyResult applyAfterRestart(PostgresSink sink, SyncedTableSpec spec) {
        for (int attempt = 1; ; attempt++) {
            try (IncrementalApply apply = sink.beginApply(applyPlan(spec, ITEMS, 1, 2))) {
                apply.write(upserts(2, ITEMS, new Object[] {2L, "b", 2}));
                return apply.commit();
            } catch (LakesyncException e) {
                if (e.code() != ErrorCode.TARGET_UNAVAILABLE || attempt >= 3) {
                    throw e;
                }
                LOG.warn("attempt {} after the restart failed retryably: {}", attempt, e.describe());
            }
        }
    }

    private static EmbeddedPostgres start(Path data, int port) throws IOException {
        return EmbeddedPostgres.builder().setDataDirectory(data).setCleanDataDirectory(false).setPort(port)
                .setServerConfig("fsync", "off").start();
    }

    /** A snapshot of one row at version 1 through a given sink. */
    private static void snapshot(PostgresSink sink, SyncedTableSpec spec) {
        try (SnapshotLoad load = sink.beginSnapshot(new SnapshotPlan(spec, ITEMS, SinkFixture.version(1), 1L,
                TextPolicy.FAIL))) {
            load.write(TestBatch.of(ITEMS).row(1L, "a", 1).build());
            load.commit();
        }
    }
}
