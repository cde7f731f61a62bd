package io.lakesync.server;

import io.lakesync.postgres.PostgresSink;
import io.lakesync.postgres.PostgresSinkOptions;
import io.lakesync.postgres.catalog.ApiTokens;
import io.lakesync.server.api.ApiServer;
import io.lakesync.server.api.ApiTokenHash;
import io.lakesync.server.metrics.ServiceMetrics;
import io.lakesync.server.metrics.TableHistory;
import io.lakesync.server.notify.FreshnessWebhook;
import io.lakesync.server.service.ServiceSettings;
import io.lakesync.server.service.SyncEvents;
import io.lakesync.server.service.SyncService;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The lakesync server, wired: the sink (one pooled connection source for the catalog and every
 * table), the sync service, its observers (metrics, console history, freshness webhook) and the
 * HTTP API. {@code lakesync server} runs one; tests start one in-process.
 */
public final class LakesyncServer implements AutoCloseable {

    /**
     * @param apiToken a token to accept (stored hashed); when empty and no token is stored yet,
     *     one is generated and returned by {@link #generatedToken()} so it can be shown once
     */
    public record Options(String jdbcUrl, String host, int port, Optional<String> apiToken, int maxConnections,
            ServiceSettings settings, Optional<String> webhookUrl) {
    }

    private final PostgresSink sink;
    private final SyncService service;
    private final ServiceMetrics metrics;
    private final FreshnessWebhook webhook;
    private final ApiServer api;
    private final int port;
    private final Optional<String> generatedToken;

    private LakesyncServer(PostgresSink sink, SyncService service, ServiceMetrics metrics, FreshnessWebhook webhook,
            ApiServer api, int port, Optional<String> generatedToken) {
        this.sink = sink;
        this.service = service;
        this.metrics = metrics;
        this.webhook = webhook;
        this.api = api;
        this.port = port;
        this.generatedToken = generatedToken;
    }

    public static LakesyncServer start(Options options) {
        PostgresSink sink = PostgresSink.connect(options.jdbcUrl(),
                PostgresSinkOptions.defaults().withMaxConnections(options.maxConnections()));
        try {
            Optional<String> generated = setUpToken(sink.catalog().apiTokens(), options.apiToken());
            AtomicReference<SyncService> serviceRef = new AtomicReference<>();
            ServiceMetrics metrics = new ServiceMetrics(
                    () -> serviceRef.get() == null ? 0 : serviceRef.get().queueDepth(),
                    () -> serviceRef.get() == null ? 0 : serviceRef.get().runsInProgress(),
                    sink::connectionsInUse, sink::connectionsMax);
            TableHistory history = new TableHistory();
            FreshnessWebhook webhook = FreshnessWebhook.of(options.webhookUrl());
            SyncService service = SyncService.start(sink, options.settings(),
                    SyncEvents.all(List.of(metrics, history, webhook)), Clock.systemUTC());
            serviceRef.set(service);
            ApiServer api = new ApiServer(service, sink.catalog().auditLog(), sink.catalog().apiTokens(), metrics::scrape,
                    ServiceMetrics.CONTENT_TYPE, history::points, () -> {
                        sink.catalog().apiTokens().any();
                        return true;
                    }, sink::appRoles);
            int port = api.start(options.host(), options.port());
            return new LakesyncServer(sink, service, metrics, webhook, api, port, generated);
        } catch (RuntimeException e) {
            sink.close();
            throw e;
        }
    }

    /** Stores the given token's hash, or makes the first token when none exists yet. */
    private static Optional<String> setUpToken(ApiTokens tokens, Optional<String> given) {
        if (given.isPresent()) {
            tokens.store("configured", ApiTokenHash.sha256(given.get()));
            return Optional.empty();
        }
        if (tokens.any()) {
            return Optional.empty();
        }
        String token = ApiTokenHash.newToken();
        tokens.store("admin", ApiTokenHash.sha256(token));
        return Optional.of(token);
    }

    public int port() {
        return port;
    }

    /** The token made at this first start, to be shown once; empty when one existed or was given. */
    public Optional<String> generatedToken() {
        return generatedToken;
    }

    public SyncService service() {
        return service;
    }

    /** Stops taking requests, stops the runs (in-flight transactions roll back), closes the pool. */
    @Override
    public void close() {
        api.close();
        service.close();
        webhook.close();
        metrics.close();
        sink.close();
    }
}
