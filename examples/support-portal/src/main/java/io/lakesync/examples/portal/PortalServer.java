package io.lakesync.examples.portal;

import io.lakesync.examples.portal.data.DashboardQueries;
import io.lakesync.examples.portal.data.IncidentLookup;
import io.lakesync.examples.portal.data.Incidents;
import io.lakesync.examples.portal.data.PortalDatabase;
import io.lakesync.examples.portal.data.Work;
import io.lakesync.examples.portal.live.LakesyncStatusSource;
import io.lakesync.examples.portal.live.LiveUpdates;
import io.lakesync.examples.portal.live.TableScanSource;
import io.lakesync.examples.portal.live.VersionSource;
import io.lakesync.examples.portal.web.PortalWeb;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A running support portal. {@link #start} brings up, in order, the database (pool and the portal's
 * own migrations), the live updates and the web server; {@link #close} stops them in reverse.
 * Embeddable: tests and {@code lakesync demo} start it in their own process.
 *
 * <pre>{@code
 * try (PortalServer portal = PortalServer.start(PortalSettings.of(appRoleJdbcUrl).withPort(0))) {
 *     System.out.println("portal at " + portal.url());
 * }
 * }</pre>
 */
public final class PortalServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PortalServer.class);

    private final PortalDatabase database;
    private final LiveUpdates live;
    private final PortalWeb web;
    private final String host;
    private final int port;

    private PortalServer(PortalDatabase database, LiveUpdates live, PortalWeb web, String host, int port) {
        this.database = database;
        this.live = live;
        this.web = web;
        this.host = host;
        this.port = port;
    }

    public static PortalServer start(PortalSettings settings) {
        PortalDatabase database = PortalDatabase.open(settings.jdbcUrl(), settings.syncedTable(), settings.poolSize());
        LiveUpdates live = null;
        PortalWeb web = null;
        try {
            VersionSource source = settings.lakesyncUrl().isPresent()
                    ? new LakesyncStatusSource(settings.lakesyncUrl().get(), settings.lakesyncToken().orElse(null),
                            settings.syncedTable())
                    : new TableScanSource(database.pool(), database.syncedTable());
            live = new LiveUpdates(source, settings.pollInterval()).start();
            Incidents incidents = new Incidents(database.pool(), database.syncedTable());
            web = new PortalWeb(incidents, new IncidentLookup(database.pool(), database.syncedTable()),
                    new Work(database.pool(), incidents),
                    new DashboardQueries(database.pool(), database.syncedTable()), live, settings.team(),
                    settings.poolSize());
            int port = web.start(settings.host(), settings.port());
            LOG.info("Support portal on http://{}:{} (data version from {})", settings.host(), port,
                    source.describe());
            return new PortalServer(database, live, web, settings.host(), port);
        } catch (RuntimeException e) {
            if (web != null) {
                web.close();
            }
            if (live != null) {
                live.close();
            }
            database.close();
            throw e;
        }
    }

    public int port() {
        return port;
    }

    /** The portal's address, like {@code http://127.0.0.1:8081}. */
    public String url() {
        String shown = host.equals("0.0.0.0") || host.equals("::") ? "localhost" : host;
        return "http://" + shown + ":" + port;
    }

    @Override
    public void close() {
        web.close();
        live.close();
        database.close();
    }
}
