package io.lakesync.examples.portal;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How the portal runs.
 *
 * @param host address to listen on
 * @param port HTTP port; 0 picks a free one (tests)
 * @param jdbcUrl the portal's own app role (SELECT on the synced table, owner of schema {@code portal}),
 *     credentials in the URL
 * @param lakesyncUrl the lakesync server whose status feeds the freshness badge and the live
 *     updates; empty: the portal watches the synced table itself (row count and latest scoring time)
 * @param lakesyncToken bearer token for the lakesync API
 * @param syncedTable the synced incidents table, {@code schema.table}
 * @param team names offered when assigning an incident (anyone else can be typed in)
 * @param pollInterval how often the data version is checked
 * @param poolSize PostgreSQL connections of the portal
 */
public record PortalSettings(
        String host,
        int port,
        String jdbcUrl,
        Optional<String> lakesyncUrl,
        Optional<String> lakesyncToken,
        String syncedTable,
        List<String> team,
        Duration pollInterval,
        int poolSize) {

    public static final int DEFAULT_PORT = 8081;
    public static final String DEFAULT_SYNCED_TABLE = "support.incidents";
    public static final List<String> DEFAULT_TEAM = List.of(
            "Alex Morgan", "Priya Raman", "Jonas Weber", "Mei Tanaka", "Sam Okafor", "Lucia Ferreira");

    public PortalSettings {
        Objects.requireNonNull(host, "host");
        if (jdbcUrl == null || !jdbcUrl.startsWith("jdbc:postgresql:")) {
            throw new IllegalArgumentException("The portal needs the JDBC URL of its app role, like"
                    + " jdbc:postgresql://localhost:5432/postgres?user=portal&password=... (got "
                    + (jdbcUrl == null ? "none" : "'" + JdbcUrls.masked(jdbcUrl) + "'") + "). Create the role with"
                    + " `lakesync roles create-app portal --read support.incidents --state-schema portal`.");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("The port must be between 0 and 65535 (got " + port + ").");
        }
        lakesyncUrl = lakesyncUrl.filter(u -> !u.isBlank());
        lakesyncToken = lakesyncToken.filter(t -> !t.isBlank());
        team = List.copyOf(team);
        if (pollInterval.isNegative() || pollInterval.isZero()) {
            throw new IllegalArgumentException("The poll interval must be positive (got " + pollInterval + ").");
        }
        if (poolSize < 2) {
            throw new IllegalArgumentException("The portal needs at least 2 PostgreSQL connections (got " + poolSize
                    + "): one watches the data version while the others serve pages.");
        }
    }

    /** Without the password and the token: settings end up in logs. */
    @Override
    public String toString() {
        return "PortalSettings[host=" + host + ", port=" + port + ", jdbcUrl=" + JdbcUrls.masked(jdbcUrl)
                + ", lakesyncUrl=" + lakesyncUrl.orElse("none") + ", lakesyncToken=" + (lakesyncToken.isPresent()
                ? "***" : "none") + ", syncedTable=" + syncedTable + ", team=" + team + ", pollInterval="
                + pollInterval + ", poolSize=" + poolSize + "]";
    }

    /** Defaults for everything but the database: localhost:8081, no lakesync server, support.incidents. */
    public static PortalSettings of(String jdbcUrl) {
        return new PortalSettings("127.0.0.1", DEFAULT_PORT, jdbcUrl, Optional.empty(), Optional.empty(),
                DEFAULT_SYNCED_TABLE, DEFAULT_TEAM, Duration.ofSeconds(1), 8);
    }

    public PortalSettings withHost(String newHost) {
        return new PortalSettings(newHost, port, jdbcUrl, lakesyncUrl, lakesyncToken, syncedTable, team, pollInterval,
                poolSize);
    }

    public PortalSettings withPort(int newPort) {
        return new PortalSettings(host, newPort, jdbcUrl, lakesyncUrl, lakesyncToken, syncedTable, team, pollInterval,
                poolSize);
    }

    /** Watch this lakesync server's status of the synced table for the badge and live updates. */
    public PortalSettings withLakesync(String url, String token) {
        return new PortalSettings(host, port, jdbcUrl, Optional.ofNullable(url), Optional.ofNullable(token),
                syncedTable, team, pollInterval, poolSize);
    }

    public PortalSettings withSyncedTable(String table) {
        return new PortalSettings(host, port, jdbcUrl, lakesyncUrl, lakesyncToken, table, team, pollInterval, poolSize);
    }

    public PortalSettings withTeam(List<String> names) {
        return new PortalSettings(host, port, jdbcUrl, lakesyncUrl, lakesyncToken, syncedTable, names, pollInterval,
                poolSize);
    }

    public PortalSettings withPollInterval(Duration interval) {
        return new PortalSettings(host, port, jdbcUrl, lakesyncUrl, lakesyncToken, syncedTable, team, interval,
                poolSize);
    }

    public PortalSettings withPoolSize(int size) {
        return new PortalSettings(host, port, jdbcUrl, lakesyncUrl, lakesyncToken, syncedTable, team, pollInterval,
                size);
    }
}
