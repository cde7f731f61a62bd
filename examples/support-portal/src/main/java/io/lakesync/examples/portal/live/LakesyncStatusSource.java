package io.lakesync.examples.portal.live;

import io.lakesync.client.LakesyncClient;
import io.lakesync.client.model.Lag;
import io.lakesync.client.model.LastSync;
import io.lakesync.client.model.SyncStatus;
import io.lakesync.client.model.SyncedTable;
import java.time.Duration;

/** The Delta version lakesync last synced into the table, from its status API (through the SDK). */
public final class LakesyncStatusSource implements VersionSource {

    private final LakesyncClient client;
    private final String syncedTable;

    public LakesyncStatusSource(String baseUrl, String token, String syncedTable) {
        // short timeout: a stalled server must not stall the badge for 30 s
        this.client = LakesyncClient.builder().baseUrl(baseUrl).token(token).timeout(Duration.ofSeconds(2)).build();
        this.syncedTable = syncedTable;
    }

    @Override
    public DataVersion current() {
        return of(client.getSyncedTable(syncedTable));
    }

    /** The version a status answer shows. */
    static DataVersion of(SyncedTable table) {
        SyncStatus status = table.dataSynchronizationStatus();
        LastSync last = status == null ? null : status.lastSync();
        if (last == null || last.deltaCommitVersion() == null) {
            String state = status == null || status.detailedState() == null ? "no status yet" : status.detailedState();
            return DataVersion.notSyncedYet("lakesync has not finished a sync of " + table.name() + " yet (" + state
                    + ").");
        }
        Lag lag = status.lag();
        long behind = lag == null || lag.versionsBehind() == null ? 0 : lag.versionsBehind();
        return DataVersion.delta(last.deltaCommitVersion(), last.syncEndTimestamp(), behind);
    }

    @Override
    public String describe() {
        return "lakesync status of " + syncedTable + " at " + client.baseUrl();
    }
}
