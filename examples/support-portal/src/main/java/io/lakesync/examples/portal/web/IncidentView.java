package io.lakesync.examples.portal.web;

import io.lakesync.examples.portal.data.Comment;
import io.lakesync.examples.portal.data.Incident;
import io.lakesync.examples.portal.data.Status;
import io.lakesync.examples.portal.data.WorkState;
import java.time.Instant;
import java.util.List;

/** Everything the incident page renders. */
public record IncidentView(Chrome chrome, Incident incident, WorkState state, List<Comment> comments, Instant now) {

    /** Past its SLA and not resolved. */
    public boolean slaBreached() {
        return incident.slaDueAt() != null && incident.slaDueAt().isBefore(now)
                && !Status.RESOLVED.value().equals(state.status());
    }
}
