package io.lakesync.client.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.util.List;

/** One page of the audit log, newest first; {@code next_page_token} is absent on the last page. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonInclude(JsonInclude.Include.NON_NULL)
public record AuditPage(List<AuditEntry> entries, String nextPageToken) {

    public AuditPage {
        entries = entries == null ? List.of() : List.copyOf(entries);
    }
}
