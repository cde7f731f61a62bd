package io.lakesync.examples.portal.data;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import io.lakesync.examples.portal.JdbcUrls;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The portal's PostgreSQL: a connection pool logged in as the portal's app role, the portal's own
 * schema brought up to date by Flyway, and a check that the synced table can be read.
 */
public final class PortalDatabase implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PortalDatabase.class);

    private final HikariDataSource pool;
    private final String syncedTable;

    private PortalDatabase(HikariDataSource pool, String syncedTable) {
        this.pool = pool;
        this.syncedTable = syncedTable;
    }

    /**
     * Opens the pool, migrates schema {@code portal} and checks the synced table is readable.
     *
     * @param syncedTable {@code schema.table} of the synced incidents
     */
    public static PortalDatabase open(String jdbcUrl, String syncedTable, int poolSize) {
        String table = SqlNames.qualifiedTable(syncedTable);
        migrate(jdbcUrl);
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        config.setPoolName("support-portal");
        config.setMaximumPoolSize(poolSize);
        config.setMinimumIdle(poolSize);
        config.setConnectionTimeout(5_000);
        config.addDataSourceProperty("ApplicationName", "lakesync-support-portal");
        HikariDataSource pool;
        try {
            pool = new HikariDataSource(config);
        } catch (RuntimeException e) {
            throw new IllegalStateException("Cannot connect to PostgreSQL at " + JdbcUrls.masked(jdbcUrl) + ": "
                    + rootMessage(e) + ". Check the --jdbc-url (host, port, database, user and password of the"
                    + " portal's app role).", e);
        }
        PortalDatabase database = new PortalDatabase(pool, table);
        try {
            database.checkReadable(syncedTable, jdbcUrl);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        database.adviseIndexes(syncedTable);
        return database;
    }

    public DataSource pool() {
        return pool;
    }

    /** The synced incidents table, quoted: {@code "support"."incidents"}. */
    public String syncedTable() {
        return syncedTable;
    }

    private void checkReadable(String name, String jdbcUrl) {
        try (Connection c = pool.getConnection(); Statement s = c.createStatement()) {
            s.executeQuery("SELECT incident_id, title, description, customer, product, category, priority, channel,"
                    + " created_at, sla_due_at, predicted_escalation_risk, risk_band, recommended_action,"
                    + " top_risk_factors, model_version, scored_at FROM " + syncedTable + " LIMIT 0").close();
        } catch (SQLException e) {
            String why = "42501".equals(e.getSQLState()) ? "the role may not read it"
                    : "42P01".equals(e.getSQLState()) ? "it does not exist (has lakesync synced it yet?)"
                    : "42703".equals(e.getSQLState()) ? "it lacks a column the portal shows: " + e.getMessage()
                    : e.getMessage();
            throw new IllegalStateException("The portal cannot read the synced table " + name + " as "
                    + JdbcUrls.masked(jdbcUrl) + ": " + why + ". Fix: sync the incidents Delta table into " + name
                    + " and connect as an app role made by `lakesync roles create-app portal --read " + name
                    + " --state-schema portal`.", e);
        }
    }

    /**
     * The list's default order is newest first: without an index on created_at every page view sorts
     * the whole table. The portal may not index a synced table (lakesync owns it), so it says how to.
     */
    private void adviseIndexes(String name) {
        String sql = "SELECT count(*) FROM pg_index x JOIN pg_attribute a ON a.attrelid = x.indrelid"
                + " AND a.attnum = x.indkey[0] WHERE x.indrelid = CAST(? AS regclass) AND a.attname = 'created_at'";
        try (Connection c = pool.getConnection(); PreparedStatement s = c.prepareStatement(sql)) {
            s.setString(1, syncedTable);
            try (ResultSet rs = s.executeQuery()) {
                if (rs.next() && rs.getLong(1) == 0) {
                    LOG.warn("The synced table {} has no index on created_at, so each page of the incident list sorts"
                            + " the whole table. Add one through lakesync (the portal may not index a synced table):"
                            + " extra_index_definitions: [created_at, predicted_escalation_risk, sla_due_at] in the"
                            + " synced table's spec.", name);
                }
            }
        } catch (SQLException e) {
            LOG.debug("Cannot check the indexes of {}", name, e);
        }
    }

    private static void migrate(String jdbcUrl) {
        PGSimpleDataSource direct = new PGSimpleDataSource();
        direct.setURL(jdbcUrl);
        // first a plain login, so that a wrong URL or password is not reported as a migration problem
        try (Connection c = direct.getConnection()) {
            c.isValid(5);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot connect to PostgreSQL at " + JdbcUrls.masked(jdbcUrl) + ": "
                    + rootMessage(e) + ". Check the --jdbc-url: host, port, database, and the user and password of"
                    + " the portal's app role.", e);
        }
        try {
            // Outside the pool: Flyway changes session settings (search_path) of the connections it uses.
            Flyway.configure(PortalDatabase.class.getClassLoader())
                    .dataSource(direct)
                    .schemas(SqlNames.PORTAL_SCHEMA)
                    .defaultSchema(SqlNames.PORTAL_SCHEMA)
                    .table("flyway_schema_history")
                    .locations("classpath:db/portal")
                    .load()
                    .migrate();
        } catch (FlywayException e) {
            throw new IllegalStateException("Cannot create or upgrade the portal's own tables in schema "
                    + SqlNames.PORTAL_SCHEMA + " as " + JdbcUrls.masked(jdbcUrl) + ": " + rootMessage(e)
                    + ". The portal's app role must own that schema: `lakesync roles create-app portal --read"
                    + " support.incidents --state-schema portal` sets that up.", e);
        }
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return root.getMessage();
    }

    @Override
    public void close() {
        pool.close();
    }
}
