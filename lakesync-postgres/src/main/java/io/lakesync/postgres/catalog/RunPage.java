package io.lakesync.postgres.catalog;

import io.lakesync.core.spi.RunRecord;
import java.util.List;
import java.util.OptionalLong;

/**
 * Runs of one synced table, newest first; {@code nextBeforeRunId} is what to pass to get the next
 * (older) page, empty on the last page.
 */
public record RunPage(List<RunRecord> runs, OptionalLong nextBeforeRunId) {

    public RunPage {
        runs = List.copyOf(runs);
    }
}
