package io.lakesync.server.notify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.lakesync.client.Json;
import io.lakesync.core.model.TableName;
import io.lakesync.server.service.SyncEvents;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells people when a table goes over its freshness SLA and when it is back: one log line per
 * change (WARN for a breach, INFO for a recovery) and, when a webhook URL is set, a JSON POST:
 *
 * <pre>{"event":"freshness_sla_breached","table":"gold.t","seconds_behind":12.3,"sla_seconds":5,"at":"2026-11-26T12:00:00Z"}</pre>
 *
 * <p>({@code event} is {@code freshness_sla_breached} or {@code freshness_sla_recovered}.) POSTs
 * go out one at a time, in order, on a daemon thread of their own, so the service's threads never
 * wait for the receiver. A POST that fails with an I/O error, a timeout, 408, 425, 429 or 5xx is
 * tried again after 1, 2 and 4 seconds; after that, or on any other answer that is not 2xx, one
 * WARN line says so and the notification is dropped: a dead receiver must not stop the service.
 */
public final class FreshnessWebhook implements SyncEvents, AutoCloseable {

    static final List<Duration> DEFAULT_BACKOFFS = List.of(Duration.ofSeconds(1), Duration.ofSeconds(2),
            Duration.ofSeconds(4));
    static final Duration DEFAULT_DRAIN_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    // Freshness changes are rare; a full queue means the receiver has been down for a long time.
    private static final int QUEUE_CAPACITY = 1000;

    private static final Logger LOG = LoggerFactory.getLogger(FreshnessWebhook.class);

    private final Optional<WebhookUrl> url;
    private final List<Duration> backoffs;
    private final Duration drainTimeout;
    private final HttpClient http; // null without a URL
    private final ThreadPoolExecutor sender;

    FreshnessWebhook(Optional<WebhookUrl> url, List<Duration> backoffs, Duration drainTimeout) {
        this.url = Objects.requireNonNull(url, "url");
        this.backoffs = List.copyOf(backoffs);
        this.drainTimeout = Objects.requireNonNull(drainTimeout, "drainTimeout");
        // No client without a URL: building one starts the JDK's selector thread.
        this.http = url.isEmpty() ? null : HttpClient.newBuilder()
                .connectTimeout(REQUEST_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        this.sender = new ThreadPoolExecutor(1, 1, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(QUEUE_CAPACITY), FreshnessWebhook::senderThread,
                (task, executor) -> LOG.warn("Freshness webhook {}: {}, this notification is not sent.", this.url.get(),
                        executor.isShutdown() ? "the server is shutting down" : QUEUE_CAPACITY
                                + " notifications are already waiting for the receiver"));
    }

    /** Logs freshness changes and POSTs nothing. */
    public static FreshnessWebhook logOnly() {
        return new FreshnessWebhook(Optional.empty(), DEFAULT_BACKOFFS, DEFAULT_DRAIN_TIMEOUT);
    }

    /**
     * Logs freshness changes and POSTs them to {@code url} (http or https; user-info in the URL is
     * sent as Basic authorization).
     *
     * @throws io.lakesync.core.error.LakesyncException INVALID_ARGUMENT when {@code url} is not an http(s) URL
     */
    public static FreshnessWebhook posting(String url) {
        return new FreshnessWebhook(Optional.of(WebhookUrl.parse(url)), DEFAULT_BACKOFFS, DEFAULT_DRAIN_TIMEOUT);
    }

    /** {@link #posting(String)} when a URL is given, {@link #logOnly()} otherwise. */
    public static FreshnessWebhook of(Optional<String> url) {
        return url.filter(u -> !u.isBlank()).map(FreshnessWebhook::posting).orElseGet(FreshnessWebhook::logOnly);
    }

    @Override
    public void freshnessChanged(TableName table, boolean breached, double secondsBehind, long slaSeconds,
            Instant at) {
        String behind = String.format(Locale.ROOT, "%.1f", secondsBehind);
        if (breached) {
            LOG.warn("Synced table {} is behind its freshness SLA: {} s behind, SLA {} s.", table, behind, slaSeconds);
        } else {
            LOG.info("Synced table {} is back within its freshness SLA: {} s behind, SLA {} s.", table, behind,
                    slaSeconds);
        }
        if (url.isPresent()) {
            String event = breached ? "freshness_sla_breached" : "freshness_sla_recovered";
            String body = body(event, table, secondsBehind, slaSeconds, at);
            sender.execute(() -> deliver(url.get(), event, table, body));
        }
    }

    /** Sends what is queued, waiting at most the drain timeout; what is left then is dropped. */
    @Override
    public void close() {
        sender.shutdown();
        try {
            if (!sender.awaitTermination(drainTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                int dropped = sender.shutdownNow().size();
                LOG.warn("Freshness webhook {}: the receiver did not take the queued notifications within {} s;"
                        + " dropped {} unsent.", url.map(Object::toString).orElse("-"), drainTimeout.toSeconds(),
                        dropped);
            }
        } catch (InterruptedException e) {
            sender.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    static String body(String event, TableName table, double secondsBehind, long slaSeconds, Instant at) {
        ObjectNode node = Json.mapper().createObjectNode();
        node.put("event", event);
        node.put("table", table.toString());
        node.put("seconds_behind", secondsBehind);
        node.put("sla_seconds", slaSeconds);
        node.put("at", at.toString());
        return node.toString();
    }

    private void deliver(WebhookUrl target, String event, TableName table, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(target.target())
                .timeout(REQUEST_TIMEOUT)
                .header("Content-Type", "application/json")
                .header("User-Agent", "lakesync")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        target.authorization().ifPresent(value -> request.header("Authorization", value));
        String outcome = "";
        int attempts = 0;
        for (int attempt = 0; attempt <= backoffs.size(); attempt++) {
            if (attempt > 0 && !sleep(backoffs.get(attempt - 1))) {
                outcome = outcome + "; interrupted while waiting to try again";
                break;
            }
            attempts++;
            try {
                int status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                if (status >= 200 && status < 300) {
                    return;
                }
                outcome = "HTTP " + status;
                if (!retryable(status)) {
                    outcome = outcome + ", not retried: the receiver refused the request";
                    break;
                }
            } catch (IOException e) {
                outcome = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + target.scrub(e.getMessage()));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                outcome = "interrupted while sending";
                break;
            } catch (RuntimeException e) {
                // A bug or an odd receiver must not kill the sender thread or reach the service.
                outcome = target.scrub(e.toString());
                break;
            }
            LOG.debug("Freshness webhook {}: attempt {} for {} of {} failed: {}", target, attempt + 1, event, table,
                    outcome);
        }
        LOG.warn("Freshness webhook {}: could not deliver {} of {} in {} attempt(s) ({}); dropped it. Check that"
                + " the receiver is up and accepts JSON POSTs.", target, event, table, attempts, outcome);
    }

    private static boolean retryable(int status) {
        return status >= 500 || status == 408 || status == 425 || status == 429;
    }

    private static boolean sleep(Duration pause) {
        try {
            Thread.sleep(pause.toMillis());
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static Thread senderThread(Runnable task) {
        Thread thread = new Thread(task, "lakesync-freshness-webhook");
        thread.setDaemon(true);
        return thread;
    }
}
