package io.lakesync.client.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** One page of synced tables; {@code next_page_token} is absent on the last page. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SyncedTablePage(List<SyncedTable> syncedTables, String nextPageToken) {

    public SyncedTablePage {
        syncedTables = syncedTables == null ? List.of() : List.copyOf(syncedTables);
    }
}
