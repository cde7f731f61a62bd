package io.lakesync.bench;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.lakesync.examples.portal.data.IncidentLookup;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The raw limit of {@code GET /api/incidents/{id}}: the very SQL the portal runs for it ({@link
 * IncidentLookup#sql}: incident by primary key, its state by primary key, its comment thread
 * aggregated to JSON by PostgreSQL; one round trip), straight through JDBC from a HikariCP pool of
 * the portal's size, logged in as the same app role. Each column is read as a string; no HTTP, no
 * JSON.
 */
final class RawLookups implements AutoCloseable {

    static final String SQL = IncidentLookup.sql("\"support\".\"incidents\"");
    /** Columns of {@link #SQL}: 16 of the incident, 4 of its state, the thread. */
    static final int COLUMNS = 21;

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
                String[] row = new String[COLUMNS];
                for (int i = 0; i < COLUMNS; i++) {
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
