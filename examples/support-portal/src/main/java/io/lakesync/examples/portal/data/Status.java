package io.lakesync.examples.portal.data;

import java.util.Arrays;
import java.util.Optional;

/** Where the team is with an incident. An incident without a state row is {@link #OPEN}. */
public enum Status {
    OPEN("open", "Open"),
    IN_PROGRESS("in_progress", "In progress"),
    WAITING("waiting", "Waiting"),
    RESOLVED("resolved", "Resolved");

    private final String value;
    private final String label;

    Status(String value, String label) {
        this.value = value;
        this.label = label;
    }

    /** As stored in {@code portal.incident_state.status} and used in URLs and JSON. */
    public String value() {
        return value;
    }

    public String label() {
        return label;
    }

    public static Optional<Status> parse(String value) {
        return Arrays.stream(values()).filter(s -> s.value.equals(value)).findFirst();
    }

    /** The label of a stored value; unknown values are shown as they are. */
    public static String labelOf(String value) {
        return parse(value).map(Status::label).orElse(value);
    }
}
