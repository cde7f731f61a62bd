package io.lakesync.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.lakesync.client.model.AuditPage;
import io.lakesync.client.model.Health;
import io.lakesync.client.model.History;
import io.lakesync.client.model.Preview;
import io.lakesync.client.model.RunPage;
import io.lakesync.client.model.SyncRequestAnswer;
import io.lakesync.client.model.SyncedTable;
import io.lakesync.client.model.SyncedTablePage;
import io.lakesync.client.model.TableUpdate;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Java client of the lakesync REST API. Thread-safe; build one per server and reuse it.
 *
 * <pre>{@code
 * LakesyncClient client = LakesyncClient.builder().baseUrl("http://localhost:8080").token(token).build();
 * client.createSyncedTable(SyncedTable.of("gold.churn", TableSpec.builder("/data/churn", "customer_id")
 *         .schedulingPolicy(SchedulingPolicy.TRIGGERED).schedule(Schedule.every(Duration.ofMinutes(5))).build()));
 * }</pre>
 *
 * Every call throws a {@link LakesyncClientException} with a readable message when it fails:
 * {@link NotFoundException}, {@link AlreadyExistsException}, {@link InvalidRequestException},
 * {@link UnauthenticatedException}, another {@link LakesyncApiException}, or
 * {@link ServerUnreachableException}.
 */
public final class LakesyncClient {

    /** The collection of synced tables. */
    public static final String SYNCED_TABLES = "/api/2.0/database/synced_tables";
    public static final String AUDIT_LOG = "/api/2.0/database/audit_log";
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(30);

    private final String baseUrl;
    private final String token;
    private final Duration timeout;
    private final HttpClient http;

    private LakesyncClient(Builder builder) {
        this.baseUrl = builder.baseUrl;
        this.token = builder.token;
        this.timeout = builder.timeout;
        // HTTP/1.1: the default HTTP/2 would send an h2c upgrade with every plain-http request.
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(timeout).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The server's base URL, without a trailing slash. */
    public String baseUrl() {
        return baseUrl;
    }

    /** Creates a synced table; its first sync starts on the server. */
    public SyncedTable createSyncedTable(SyncedTable table) {
        return call("POST", SYNCED_TABLES, table, SyncedTable.class);
    }

    /** The synced table with its status; {@link NotFoundException} when there is none of that name. */
    public SyncedTable getSyncedTable(String name) {
        return call("GET", tablePath(name), null, SyncedTable.class);
    }

    /** The synced table, or empty when there is none of that name. */
    public Optional<SyncedTable> findSyncedTable(String name) {
        try {
            return Optional.of(getSyncedTable(name));
        } catch (NotFoundException absent) {
            return Optional.empty();
        }
    }

    /** Every synced table, following the page tokens to the last page. */
    public List<SyncedTable> listSyncedTables() {
        List<SyncedTable> all = new ArrayList<>();
        Set<String> seenTokens = new HashSet<>();
        String pageToken = null;
        do {
            SyncedTablePage page = listSyncedTables(null, pageToken);
            all.addAll(page.syncedTables());
            pageToken = page.nextPageToken();
            // A server that hands out the same token twice would otherwise keep this loop going forever.
            if (pageToken != null && !seenTokens.add(pageToken)) {
                throw new LakesyncClientException("The server at " + baseUrl + " returned the page token '"
                        + pageToken + "' twice while listing synced tables; stopping instead of looping forever.");
            }
        } while (pageToken != null && !pageToken.isEmpty());
        return all;
    }

    /** One page of synced tables; {@code pageSize} and {@code pageToken} may be null (server default, first page). */
    public SyncedTablePage listSyncedTables(Integer pageSize, String pageToken) {
        return call("GET", SYNCED_TABLES + query(pageSize, pageToken), null, SyncedTablePage.class);
    }

    /** Changes the mutable fields of a synced table (schedule, policy, SLA, extra indexes, paused). */
    public SyncedTable updateSyncedTable(String name, TableUpdate update) {
        return call("PATCH", tablePath(name), update, SyncedTable.class);
    }

    /**
     * Deletes a synced table: it stops syncing. With {@code purgeData} the PostgreSQL table is dropped
     * too; without, it stays and keeps serving its last data.
     */
    public void deleteSyncedTable(String name, boolean purgeData) {
        call("DELETE", tablePath(name) + (purgeData ? "?purge_data=true" : ""), null, Void.class);
    }

    /** Asks for a sync now; not accepted (no error) when a run of the table is already going. */
    public SyncRequestAnswer syncNow(String name) {
        return call("POST", tablePath(name) + "/sync", null, SyncRequestAnswer.class);
    }

    /** Asks for a full refresh: a new snapshot of the whole source, swapped in when complete. */
    public SyncRequestAnswer fullRefresh(String name) {
        return call("POST", tablePath(name) + "/full-refresh", null, SyncRequestAnswer.class);
    }

    /** One page of the table's runs, newest first; {@code pageSize} and {@code pageToken} may be null. */
    public RunPage runs(String name, Integer pageSize, String pageToken) {
        return call("GET", tablePath(name) + "/runs" + query(pageSize, pageToken), null, RunPage.class);
    }

    /** What the next sync of the table would insert, update and delete, without applying it. */
    public Preview preview(String name) {
        return call("POST", tablePath(name) + "/preview", null, Preview.class);
    }

    /** Recent lag and throughput samples of the table. */
    public History history(String name) {
        return call("GET", tablePath(name) + "/history", null, History.class);
    }

    /** One page of the audit log, newest first; {@code pageSize} and {@code pageToken} may be null. */
    public AuditPage auditLog(Integer pageSize, String pageToken) {
        return call("GET", AUDIT_LOG + query(pageSize, pageToken), null, AuditPage.class);
    }

    /** The server's health. A server that is down answers 503 with a body; that is returned, not thrown. */
    public Health health() {
        Response response = exchange("GET", "/health", null);
        if (response.status() == 200 || response.status() == 503) {
            return read(response, "GET /health", Health.class);
        }
        throw ErrorAnswers.toException(response.status(), response.body(), "GET " + baseUrl + "/health", hasToken());
    }

    /** {@code name} as one URL path segment (a name may hold characters that are special in URLs). */
    static String encodeSegment(String name) {
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("A synced table name is needed, like gold.churn_predictions.");
        }
        return URLEncoder.encode(name, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String tablePath(String name) {
        return SYNCED_TABLES + "/" + encodeSegment(name);
    }

    private static String query(Integer pageSize, String pageToken) {
        StringBuilder query = new StringBuilder();
        if (pageSize != null) {
            query.append("page_size=").append(pageSize);
        }
        if (pageToken != null && !pageToken.isEmpty()) {
            query.append(query.length() == 0 ? "" : "&").append("page_token=")
                    .append(URLEncoder.encode(pageToken, StandardCharsets.UTF_8));
        }
        return query.length() == 0 ? "" : "?" + query;
    }

    private <T> T call(String method, String path, Object body, Class<T> type) {
        Response response = exchange(method, path, body);
        if (response.status() / 100 != 2) {
            throw ErrorAnswers.toException(response.status(), response.body(), method + " " + baseUrl + path,
                    hasToken());
        }
        return type == Void.class ? null : read(response, method + " " + path, type);
    }

    private <T> T read(Response response, String request, Class<T> type) {
        try {
            return Json.mapper().readValue(response.body(), type);
        } catch (JsonProcessingException e) {
            throw new LakesyncClientException("The server at " + baseUrl + " answered " + request + " with a body"
                    + " that is not a " + type.getSimpleName() + " (" + e.getOriginalMessage() + "). Check that --server"
                    + " points at a lakesync server of a compatible version.", e);
        }
    }

    private Response exchange(String method, String path, Object body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(timeout)
                .header("Accept", "application/json")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(Json.write(body), StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (hasToken()) {
            request.header("Authorization", "Bearer " + token);
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            return new Response(response.statusCode(), response.body());
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw new ServerUnreachableException(baseUrl, e);
        } catch (HttpTimeoutException e) {
            throw new LakesyncClientException("The lakesync server at " + baseUrl + " did not answer " + method + " "
                    + path + " within " + timeout.toSeconds() + " s. It may be overloaded: try again, or allow more"
                    + " time (LakesyncClient.builder().timeout(...)).", e);
        } catch (IOException e) {
            throw new LakesyncClientException("Lost the connection to the lakesync server at " + baseUrl + " during "
                    + method + " " + path + ": " + e + ". Check that the server is running, then try again.", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new LakesyncClientException("Interrupted while waiting for " + method + " " + baseUrl + path, e);
        }
    }

    private boolean hasToken() {
        return token != null && !token.isBlank();
    }

    private record Response(int status, String body) {
    }

    /** Settings of a {@link LakesyncClient}; only the base URL has no default. */
    public static final class Builder {
        private String baseUrl = "http://localhost:8080";
        private String token;
        private Duration timeout = DEFAULT_TIMEOUT;

        private Builder() {
        }

        /** The server, like {@code http://localhost:8080} (default); a trailing slash is ignored. */
        public Builder baseUrl(String value) {
            baseUrl = value;
            return this;
        }

        /** The API token, sent as {@code Authorization: Bearer <token>}; null or blank sends none. */
        public Builder token(String value) {
            token = value;
            return this;
        }

        /** How long to wait to connect, and for each answer (default 30 s). */
        public Builder timeout(Duration value) {
            if (value == null || value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException("The timeout must be positive (got " + value + ").");
            }
            timeout = value;
            return this;
        }

        public LakesyncClient build() {
            baseUrl = checkedBaseUrl(baseUrl);
            return new LakesyncClient(this);
        }

        private static String checkedBaseUrl(String value) {
            String url = value == null ? "" : value.strip();
            while (url.endsWith("/")) {
                url = url.substring(0, url.length() - 1);
            }
            URI uri;
            try {
                uri = URI.create(url);
            } catch (IllegalArgumentException e) {
                uri = null;
            }
            if (uri == null || uri.getHost() == null
                    || !("http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme()))) {
                throw new IllegalArgumentException("'" + value + "' is not a server URL. Give it as"
                        + " http://HOST:PORT, for example http://localhost:8080.");
            }
            return url;
        }
    }
}
