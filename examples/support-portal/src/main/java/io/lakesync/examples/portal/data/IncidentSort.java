package io.lakesync.examples.portal.data;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The orders the incident list offers; each maps to a fixed SQL expression (never user text). */
public enum IncidentSort {
    CREATED("created", "%s.created_at", false, true),
    RISK("risk", "%s.predicted_escalation_risk", false, true),
    SLA("sla", "%s.sla_due_at", false, false),
    PRIORITY("priority", "%s.priority", false, false),
    CUSTOMER("customer", "%s.customer", false, false),
    STATUS("status", "CASE coalesce(s.status, 'open') WHEN 'open' THEN 0 WHEN 'in_progress' THEN 1"
            + " WHEN 'waiting' THEN 2 ELSE 3 END", true, false),
    OWNER("owner", "s.owner", true, false);

    private final String key;
    private final String expression;
    private final boolean onState;
    private final boolean descendingByDefault;

    IncidentSort(String key, String expression, boolean onState, boolean descendingByDefault) {
        this.key = key;
        this.expression = expression;
        this.onState = onState;
        this.descendingByDefault = descendingByDefault;
    }

    public String key() {
        return key;
    }

    /** Whether sorting needs the team's state (so the state must be joined before the page is cut). */
    public boolean onState() {
        return onState;
    }

    public boolean descendingByDefault() {
        return descendingByDefault;
    }

    /** The ORDER BY expression over the incident alias {@code incidentAlias} (state alias is {@code s}). */
    String expression(String incidentAlias) {
        return expression.contains("%s") ? String.format(Locale.ROOT, expression, incidentAlias) : expression;
    }

    public static IncidentSort parse(String key) {
        return Arrays.stream(values()).filter(s -> s.key.equals(key)).findFirst()
                .orElseThrow(() -> new BadRequest("Unknown sort '" + key + "'. Sort by one of: "
                        + Arrays.stream(values()).map(IncidentSort::key).collect(Collectors.joining(", ")) + "."));
    }
}
