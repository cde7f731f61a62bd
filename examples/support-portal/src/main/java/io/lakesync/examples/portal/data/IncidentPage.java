package io.lakesync.examples.portal.data;

import java.util.List;
import java.util.OptionalLong;

/**
 * One page of the incident list.
 *
 * @param hasMore whether a next page exists (found by reading one row more than the page)
 * @param total incidents matching the filter, when it was counted
 */
public record IncidentPage(List<IncidentSummary> items, int page, int pageSize, boolean hasMore, OptionalLong total) {

    /** 1-based position of the first row shown, 0 on an empty page. */
    public long firstRow() {
        return items.isEmpty() ? 0 : (long) (page - 1) * pageSize + 1;
    }

    public long lastRow() {
        return items.isEmpty() ? 0 : firstRow() + items.size() - 1;
    }

    public long pageCount() {
        return total.isPresent() ? Math.max(1, (total.getAsLong() + pageSize - 1) / pageSize) : page + (hasMore ? 1 : 0);
    }
}
