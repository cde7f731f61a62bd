package io.lakesync.server.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.lakesync.core.error.ErrorCode;
import io.lakesync.core.model.Schedule;
import io.lakesync.core.model.SourceVersion;
import io.lakesync.core.model.SyncMode;
import io.lakesync.core.model.SyncedTableDefinition;
import io.lakesync.core.model.SyncedTableSpec;
import io.lakesync.core.model.TableName;
import io.lakesync.core.spi.Watermark;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** The decisions a table makes on each tick: which run is due, never two at once, retries, slots, state. */
class ManagedTableTest {

    private static final Instant T0 = Instant.parse("2026-11-26T12:00:00Z");
    private static final RetryPolicy RETRY = new RetryPolicy(Duration.ofSeconds(1), Duration.ofSeconds(60));

    @Test
    void aNewTableTakesItsInitialSnapshotOnceAndThenWaitsForChanges() {
        ManagedTable table = table(SyncMode.CONTINUOUS, Optional.empty(), Optional.empty());
        assertEquals(DetailedState.PROVISIONING, table.status().state());

        assertEquals(Optional.of(RunKind.INITIAL_SNAPSHOT), table.claimDueRun(T0));
        assertEquals(DetailedState.PROVISIONING_INITIAL_SNAPSHOT, table.status().state());
        assertEquals(Optional.empty(), table.claimDueRun(T0), "no second run while one is active");

        table.runSucceeded(Optional.of(watermark(3)), T0, T0.plusSeconds(1));
        assertEquals(Optional.empty(), table.claimDueRun(T0.plusSeconds(2)), "nothing pending");
        table.observeSource(5, Optional.of(T0.plusSeconds(1)), T0.plusSeconds(3));
        assertEquals(2, table.status().versionsBehind());
        assertEquals(2.0, table.status().secondsBehind());
        assertEquals(Optional.of(RunKind.INCREMENTAL), table.claimDueRun(T0.plusSeconds(3)));
    }

    @Test
    void aRetryableFailureRetriesAfterBackoffAndKeepsServing() {
        ManagedTable table = synced(SyncMode.CONTINUOUS, Optional.empty());
        table.observeSource(4, Optional.of(T0), T0);
        assertEquals(Optional.of(RunKind.INCREMENTAL), table.claimDueRun(T0));
        Optional<Instant> retryAt = table.runFailed(ErrorCode.TARGET_UNAVAILABLE, "down", T0, RETRY);

        assertTrue(retryAt.isPresent());
        assertEquals(DetailedState.ONLINE_PIPELINE_FAILED, table.status().state());
        assertEquals(Optional.empty(), table.claimDueRun(retryAt.get().minusMillis(1)));
        assertEquals(Optional.of(RunKind.INCREMENTAL), table.claimDueRun(retryAt.get()));
        table.runSucceeded(Optional.of(watermark(4)), T0, T0.plusSeconds(5));
        assertEquals(DetailedState.ONLINE_CONTINUOUS_UPDATE, table.status().state());
    }

    @Test
    void aFailureNoRetryCanFixWaitsForANewSourceVersion() {
        ManagedTable table = synced(SyncMode.CONTINUOUS, Optional.empty());
        table.observeSource(4, Optional.of(T0), T0);
        table.claimDueRun(T0);
        assertEquals(Optional.empty(),
                table.runFailed(ErrorCode.PRIMARY_KEY_CONSTRAINT_VIOLATION, "dup", T0, RETRY));

        assertEquals(Optional.empty(), table.claimDueRun(T0.plusSeconds(3600)), "no timed retry");
        table.observeSource(5, Optional.of(T0), T0.plusSeconds(3601));
        assertEquals(Optional.of(RunKind.INCREMENTAL), table.claimDueRun(T0.plusSeconds(3601)));
    }

    @Test
    void anIntervalSlotThatPassesDuringARunIsMissedNotQueued() {
        ManagedTable table = synced(SyncMode.TRIGGERED, Optional.of(new Schedule.Interval(Duration.ofSeconds(10))));
        table.observeSource(4, Optional.of(T0), T0);
        assertEquals(Optional.empty(), table.claimDueRun(T0), "the first slot is one interval away");
        assertEquals(T0.plusSeconds(10), table.status().nextRunAt().orElseThrow());
        assertEquals(DetailedState.ONLINE, table.status().state(), "pending versions wait for the slot");

        assertEquals(Optional.of(RunKind.INCREMENTAL), table.claimDueRun(T0.plusSeconds(10)));
        assertEquals(Optional.empty(), table.claimDueRun(T0.plusSeconds(20)), "run still going");
        assertEquals(Optional.empty(), table.claimDueRun(T0.plusSeconds(31)));
        assertEquals(2, table.status().missedSlots());

        table.runSucceeded(Optional.of(watermark(4)), T0.plusSeconds(10), T0.plusSeconds(32));
        assertEquals(DetailedState.ONLINE_NO_PENDING_UPDATE, table.status().state());
    }

    @Test
    void pausedTablesRunOnlyOnRequest() {
        ManagedTable table = synced(SyncMode.CONTINUOUS, Optional.empty());
        table.redefine(new SyncedTableDefinition(table.definition().spec(), Optional.empty(), OptionalLong.empty(),
                true, Optional.empty(), Optional.empty()));
        table.observeSource(4, Optional.of(T0), T0);
        assertEquals(Optional.empty(), table.claimDueRun(T0));
        assertEquals(DetailedState.ONLINE, table.status().state());

        table.requestFullRefresh();
        assertEquals(Optional.of(RunKind.FULL_REFRESH), table.claimDueRun(T0));
    }

    @Test
    void freshnessFlipsOnceEachWay() {
        ManagedTable table = new ManagedTable(new SyncedTableDefinition(spec(SyncMode.CONTINUOUS), Optional.empty(),
                OptionalLong.of(5), false, Optional.empty(), Optional.empty()), Optional.of(watermark(3)));
        table.observeSource(4, Optional.of(T0), T0.plusSeconds(4));
        assertEquals(Optional.empty(), table.checkFreshness(T0.plusSeconds(4)));
        table.observeSource(4, Optional.of(T0), T0.plusSeconds(6));
        assertEquals(Optional.of(true), table.checkFreshness(T0.plusSeconds(6)));
        assertEquals(Optional.empty(), table.checkFreshness(T0.plusSeconds(7)));
        assertTrue(table.status().slaBreached());
        table.runSucceeded(Optional.of(watermark(4)), T0, T0.plusSeconds(8));
        assertEquals(Optional.of(false), table.checkFreshness(T0.plusSeconds(8)));
    }

    private static ManagedTable synced(SyncMode mode, Optional<Schedule> schedule) {
        return new ManagedTable(new SyncedTableDefinition(spec(mode), schedule, OptionalLong.empty(), false,
                Optional.empty(), Optional.empty()), Optional.of(watermark(3)));
    }

    private static ManagedTable table(SyncMode mode, Optional<Schedule> schedule, Optional<Watermark> watermark) {
        return new ManagedTable(new SyncedTableDefinition(spec(mode), schedule, OptionalLong.empty(), false,
                Optional.empty(), Optional.empty()), watermark);
    }

    private static SyncedTableSpec spec(SyncMode mode) {
        return new SyncedTableSpec("/tmp/t", TableName.parse("gold.t"), List.of("id"), Optional.empty(), mode, List.of());
    }

    private static Watermark watermark(long version) {
        return new Watermark(new SourceVersion(version, T0), 10, 1, T0);
    }
}
