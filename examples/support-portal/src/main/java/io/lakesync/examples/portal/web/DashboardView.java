package io.lakesync.examples.portal.web;

import io.lakesync.examples.portal.data.DashboardStats;
import io.lakesync.examples.portal.data.IncidentFilter;
import io.lakesync.examples.portal.data.IncidentPage;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/** Everything the dashboard page renders. */
public record DashboardView(Chrome chrome, DashboardStats stats, IncidentPage page, IncidentFilter filter,
        Instant now) {

    /** Owners the filter offers: the team and anyone else who owns an incident. */
    public List<String> owners() {
        TreeSet<String> owners = new TreeSet<>(chrome.team());
        owners.addAll(stats.owners());
        return List.copyOf(owners);
    }

    /** Categories the filter offers, including a filtered one that no row has any more. */
    public List<String> categories() {
        TreeSet<String> categories = new TreeSet<>(stats.categories());
        filter.category().ifPresent(categories::add);
        return List.copyOf(categories);
    }

    /** Whether a filter option is the chosen one. */
    public boolean selected(Optional<String> current, String value) {
        return current.isPresent() && current.get().equals(value);
    }
}
