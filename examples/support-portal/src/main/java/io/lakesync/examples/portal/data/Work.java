package io.lakesync.examples.portal.data;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import javax.sql.DataSource;

/**
 * The team's writes: owner, status and comments, all in the portal's own tables. The synced table
 * is only read (to refuse work on an incident that does not exist); the sync stays one-way.
 */
public final class Work {

    public static final int MAX_NAME = 100;
    public static final int MAX_COMMENT = 10_000;

    private static final String UPSERT_OWNER = "INSERT INTO " + Incidents.STATE
            + " (incident_id, owner, status, updated_at, updated_by) VALUES (?, ?, 'open', now(), ?)"
            + " ON CONFLICT (incident_id) DO UPDATE SET owner = EXCLUDED.owner, updated_at = now(),"
            + " updated_by = EXCLUDED.updated_by";
    private static final String UPSERT_STATUS = "INSERT INTO " + Incidents.STATE
            + " (incident_id, owner, status, updated_at, updated_by) VALUES (?, NULL, ?, now(), ?)"
            + " ON CONFLICT (incident_id) DO UPDATE SET status = EXCLUDED.status, updated_at = now(),"
            + " updated_by = EXCLUDED.updated_by";
    private static final String INSERT_COMMENT = "INSERT INTO " + Incidents.COMMENTS
            + " (incident_id, author, body) VALUES (?, ?, ?)";

    private final DataSource pool;
    private final Incidents incidents;

    public Work(DataSource pool, Incidents incidents) {
        this.pool = pool;
        this.incidents = incidents;
    }

    /** Assigns the incident; a blank owner unassigns it. */
    public void assign(String incidentId, String owner, String by) throws SQLException {
        String cleanOwner = owner == null || owner.isBlank() ? null : name(owner, "owner");
        write(incidentId, UPSERT_OWNER, cleanOwner, name(by, "your name"));
    }

    public void setStatus(String incidentId, String status, String by) throws SQLException {
        Status parsed = Status.parse(status).orElseThrow(() -> new BadRequest("Unknown status '" + status
                + "'. Use one of: open, in_progress, waiting, resolved."));
        write(incidentId, UPSERT_STATUS, parsed.value(), name(by, "your name"));
    }

    public void comment(String incidentId, String author, String body) throws SQLException {
        String text = body == null ? "" : body.strip();
        if (text.isEmpty()) {
            throw new BadRequest("The comment is empty: write something before posting it.");
        }
        if (text.length() > MAX_COMMENT) {
            throw new BadRequest("The comment is " + text.length() + " characters long; at most " + MAX_COMMENT
                    + " fit.");
        }
        write(incidentId, INSERT_COMMENT, name(author, "your name"), text);
    }

    private void write(String incidentId, String sql, String first, String second) throws SQLException {
        if (!incidents.exists(incidentId)) {
            throw NotFound.incident(incidentId);
        }
        try (Connection c = pool.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, incidentId);
            s.setString(2, first);
            s.setString(3, second);
            s.executeUpdate();
        }
    }

    private static String name(String value, String what) {
        String name = value == null ? "" : value.strip();
        if (name.isEmpty()) {
            throw new BadRequest("Give " + what + ": the team sees who did what.");
        }
        if (name.length() > MAX_NAME) {
            throw new BadRequest("The " + what + " is " + name.length() + " characters long; at most " + MAX_NAME
                    + " fit.");
        }
        return name;
    }
}
