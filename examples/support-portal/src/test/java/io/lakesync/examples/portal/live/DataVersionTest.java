package io.lakesync.examples.portal.live;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import io.lakesync.client.model.Lag;
import io.lakesync.client.model.LastSync;
import io.lakesync.client.model.SyncStatus;
import io.lakesync.client.model.SyncedTable;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class DataVersionTest {

    private static final Instant NOW = Instant.parse("2026-11-26T12:00:00Z");

    @Test
    void theBadgeNamesTheDeltaVersionAndItsAge() {
        DataVersion v = DataVersion.delta(42, NOW.minusSeconds(3), 0);
        assertEquals("data as of Delta version 42, 3 s ago", v.describe(NOW));
        assertEquals("fresh", v.state(NOW));
        // a quiet source is not a stale table: lakesync says it has every version
        assertEquals("fresh", v.state(NOW.plus(Duration.ofHours(2))));
        DataVersion behind = DataVersion.delta(42, NOW.minusSeconds(90), 3);
        assertEquals("data as of Delta version 42, 1 min ago (3 versions behind)", behind.describe(NOW));
        assertEquals("behind", behind.state(NOW));
    }

    @Test
    void withoutLakesyncTheTableTellsTheVersion() {
        DataVersion v = DataVersion.table(120, NOW.minusSeconds(5));
        assertEquals("data as of the latest scoring, 5 s ago", v.describe(NOW));
        assertEquals("fresh", v.state(NOW));
        assertEquals("behind", v.state(NOW.plus(Duration.ofMinutes(10))));
        assertNotEquals(v.fingerprint(), DataVersion.table(121, NOW.minusSeconds(5)).fingerprint());
        assertNotEquals(v.fingerprint(), DataVersion.table(120, NOW).fingerprint());
    }

    @Test
    void unknownIsSaidSo() {
        DataVersion v = DataVersion.unknown("connection refused");
        assertEquals("data freshness unknown", v.describe(NOW));
        assertEquals("unknown", v.state(NOW));
        assertEquals("connection refused", v.detail());
        assertEquals("", v.fingerprint(), "an unknown reading never looks like new data");
    }

    @Test
    void readsLakesyncsStatusAnswer() {
        SyncStatus status = new SyncStatus("ONLINE_CONTINUOUS_UPDATE", "syncing", new LastSync(17L,
                NOW.minusSeconds(9), NOW.minusSeconds(4), NOW.minusSeconds(2)), null, new Lag(1L, 0.8), 1200L, null,
                null, null);
        DataVersion v = LakesyncStatusSource.of(new SyncedTable("support.incidents", null, false, null, null, status));
        assertEquals("delta:17", v.fingerprint());
        assertEquals("data as of Delta version 17, 2 s ago (1 version behind)", v.describe(NOW));

        DataVersion first = LakesyncStatusSource.of(new SyncedTable("support.incidents", null, false, null, null,
                new SyncStatus("PROVISIONING_INITIAL_SNAPSHOT", null, null, null, null, null, null, null, null)));
        assertEquals("waiting for the first sync", first.describe(NOW));
        assertEquals("", first.fingerprint());
    }

    @Test
    void agesReadNaturally() {
        assertEquals("0 s ago", DataVersion.ago(Duration.ofMillis(-300)));
        assertEquals("59 s ago", DataVersion.ago(Duration.ofSeconds(59)));
        assertEquals("5 min ago", DataVersion.ago(Duration.ofMinutes(5)));
        assertEquals("30 h ago", DataVersion.ago(Duration.ofHours(30)));
        assertEquals("3 d ago", DataVersion.ago(Duration.ofDays(3)));
    }
}
