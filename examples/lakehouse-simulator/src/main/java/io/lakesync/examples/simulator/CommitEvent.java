package io.lakesync.examples.simulator;

import io.lakesync.examples.simulator.incident.Incident;
import java.util.List;

/**
 * One commit the simulator made: its version, what kind of change it was, the rows it inserted
 * or updated (as they are now) and the ids it deleted, and a line for people.
 */
public record CommitEvent(long version, Kind kind, List<Incident> upserted, List<String> deleted, String summary) {

    public enum Kind {
        CREATE, INSERT, RESCORE, RETRACT
    }

    public CommitEvent {
        upserted = List.copyOf(upserted);
        deleted = List.copyOf(deleted);
    }
}
