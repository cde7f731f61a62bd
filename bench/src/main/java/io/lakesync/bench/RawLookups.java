package io.lakesync.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The raw limit of {@code GET /api/incidents/{id}}: the same SQL the portal runs for it (incident by
 * primary key, its state by primary key, its comment thread aggregated to JSON by PostgreSQL; one
 * round trip), straight through JDBC from a HikariCP pool of the portal's size, logged in as the
 * same app role. Each column is read as a string; no HTTP, no objects, no JSON.
 */
final class RawLookups implements AutoCloseable {

    /**
     * A copy of {@code Incidents.detailJsonSql} of the portal (private there). {@link
     * PortalBenchmark} checks once per run that both answer the same for an incident with a thread.
     */
    static final String SQL = "SELECT i.incident_id, i.title, i.description, i.customer, i.product, i.category,"
            + " i.priority, i.channel, i.created_at, i.sla_due_at, i.predicted_escalation_risk, i.risk_band,"
            + " i.recommended_action, to_json(i.top_risk_factors)::text AS top_risk_factors, i.model_version,"
            + " i.scored_at, s.status, s.owner, s.updated_at, s.updated_by,"
            + " (SELECT json_agg(json_build_object('id', c.id, 'author', c.author, 'body', c.body, 'created_at',"
            + " to_char(c.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.US\"Z\"')) ORDER BY c.created_at,"
            + " c.id) FROM \"portal\".\"incident_comments\" c WHERE c.incident_id = i.incident_id) AS comments"
            + " FROM \"support\".\"incidents\" i LEFT JOIN \"portal\".\"incident_state\" s"
            + " ON s.incident_id = i.incident_id WHERE i.incident_id = ?";

    private final HikariDataSource pool;
    private final int incidents;

    RawLookups(String appUrl, int poolSize, int incidents) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(appUrl);
        config.setPoolName("bench-raw-lookups");
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(poolSize);
        config.setConnectionTimeout(30_000);
        this.pool = new HikariDataSource(config);
        this.incidents = incidents;
    }

    /** The columns of one incident as strings, or null when there is none. */
    String[] lookup(String id) throws SQLException {
        try (Connection c = pool.getConnection(); PreparedStatement s = c.prepareStatement(SQL)) {
            s.setString(1, id);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                int columns = rs.getMetaData().getColumnCount();
                String[] row = new String[columns];
                for (int i = 0; i < columns; i++) {
                    row[i] = rs.getString(i + 1);
                }
                return row;
            }
        }
    }

    /** Clients that look up random existing incidents. */
    ClosedLoop.Clients clients() {
        return index -> new ClosedLoop.Client() {
            @Override
            public boolean call() throws SQLException {
                return lookup(PortalDataset.id(1 + ThreadLocalRandom.current().nextInt(incidents))) != null;
            }

            @Override
            public void close() {
                // the pool is shared by the clients and closed with this object
            }
        };
    }

    @Override
    public void close() {
        pool.close();
    }
}
