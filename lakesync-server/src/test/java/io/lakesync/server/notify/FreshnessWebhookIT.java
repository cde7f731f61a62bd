package io.lakesync.server.notify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.sun.net.httpserver.HttpServer;
import io.lakesync.core.model.TableName;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The webhook against a real HTTP server (the JDK's) on the loopback interface. */
class FreshnessWebhookIT {

    private static final TableName GOLD_T = TableName.parse("gold.t");
    private static final TableName GOLD_U = TableName.parse("gold.u");
    private static final Instant AT = Instant.parse("2026-11-26T12:00:00Z");
    private static final List<Duration> QUICK_BACKOFFS = List.of(Duration.ofMillis(10), Duration.ofMillis(20),
            Duration.ofMillis(40));
    private static final Duration DRAIN = Duration.ofSeconds(60);

    private final Receiver receiver = new Receiver();
    private final ListAppender<ILoggingEvent> logs = new ListAppender<>();
    private final Logger logger = (Logger) LoggerFactory.getLogger(FreshnessWebhook.class);
    private Level levelBefore;

    @BeforeEach
    void captureLogs() {
        levelBefore = logger.getLevel();
        logger.setLevel(Level.INFO);
        logs.start();
        logger.addAppender(logs);
    }

    @AfterEach
    void stop() {
        logger.detachAppender(logs);
        logger.setLevel(levelBefore);
        receiver.stop();
    }

    @Test
    void postsEachChangeInOrderWithTheDocumentedBody() {
        try (FreshnessWebhook webhook = webhook(receiver.url("/hooks/lakesync"), FreshnessWebhook.DEFAULT_BACKOFFS)) {
            webhook.freshnessChanged(GOLD_T, true, 12.3, 5, AT);
            webhook.freshnessChanged(GOLD_T, false, 0.5, 5, AT.plusSeconds(30));
            webhook.freshnessChanged(GOLD_U, true, 3600.0, 600, AT.plusMillis(30_250));
        }

        List<Request> requests = receiver.requests();
        assertEquals(List.of(
                "{\"event\":\"freshness_sla_breached\",\"table\":\"gold.t\",\"seconds_behind\":12.3,"
                        + "\"sla_seconds\":5,\"at\":\"2026-11-26T12:00:00Z\"}",
                "{\"event\":\"freshness_sla_recovered\",\"table\":\"gold.t\",\"seconds_behind\":0.5,"
                        + "\"sla_seconds\":5,\"at\":\"2026-11-26T12:00:30Z\"}",
                "{\"event\":\"freshness_sla_breached\",\"table\":\"gold.u\",\"seconds_behind\":3600.0,"
                        + "\"sla_seconds\":600,\"at\":\"2026-11-26T12:00:30.250Z\"}"),
                requests.stream().map(Request::body).collect(Collectors.toList()));
        for (Request request : requests) {
            assertEquals("POST", request.method());
            assertEquals("/hooks/lakesync", request.pathAndQuery());
            assertEquals("application/json", request.contentType());
            assertEquals("lakesync", request.userAgent());
            assertEquals(null, request.authorization());
        }
        assertEquals(List.of(
                "WARN Synced table gold.t is behind its freshness SLA: 12.3 s behind, SLA 5 s.",
                "INFO Synced table gold.t is back within its freshness SLA: 0.5 s behind, SLA 5 s.",
                "WARN Synced table gold.u is behind its freshness SLA: 3600.0 s behind, SLA 600 s."), logLines());
    }

    @Test
    void eventsReturnBeforeTheReceiverAnswers() throws InterruptedException {
        CountDownLatch release = new CountDownLatch(1);
        receiver.holdUntil(release);
        try (FreshnessWebhook webhook = webhook(receiver.url("/hook"), QUICK_BACKOFFS)) {
            webhook.freshnessChanged(GOLD_T, true, 10.0, 5, AT);
            webhook.freshnessChanged(GOLD_T, false, 1.0, 5, AT.plusSeconds(1));
            webhook.freshnessChanged(GOLD_T, true, 11.0, 5, AT.plusSeconds(2));
            // All three calls returned although the receiver has not answered the first POST yet.
            assertEquals(0, receiver.answered());
            release.countDown();
        }
        assertEquals(List.of("freshness_sla_breached", "freshness_sla_recovered", "freshness_sla_breached"),
                receiver.requests().stream().map(r -> r.body().substring(10, r.body().indexOf('"', 10)))
                        .collect(Collectors.toList()));
    }

    @Test
    void retriesAfterA500AndKeepsTheOrder() {
        receiver.answer(500);
        try (FreshnessWebhook webhook = webhook(receiver.url("/hook"), FreshnessWebhook.DEFAULT_BACKOFFS)) {
            webhook.freshnessChanged(GOLD_T, true, 12.0, 5, AT);
            webhook.freshnessChanged(GOLD_T, false, 1.0, 5, AT.plusSeconds(1));
        }

        List<Request> requests = receiver.requests();
        assertEquals(3, requests.size(), () -> "requests: " + requests);
        assertEquals(requests.get(0).body(), requests.get(1).body());
        assertTrue(requests.get(1).body().contains("freshness_sla_breached"), requests.get(1).body());
        assertTrue(requests.get(2).body().contains("freshness_sla_recovered"), requests.get(2).body());
        assertEquals(List.of(500, 200, 200), receiver.statuses());
        assertFalse(logLines().stream().anyMatch(l -> l.contains("could not deliver")), () -> "logs: " + logLines());
    }

    @Test
    void givesUpAfterFourAttemptsWithOneWarningAndGoesOn() {
        receiver.answer(503, 500, 502, 500);
        try (FreshnessWebhook webhook = webhook(receiver.url("/hook"), QUICK_BACKOFFS)) {
            webhook.freshnessChanged(GOLD_T, true, 12.0, 5, AT);
            webhook.freshnessChanged(GOLD_U, true, 7.0, 5, AT);
        }

        assertEquals(List.of(503, 500, 502, 500, 200), receiver.statuses());
        assertTrue(receiver.requests().get(4).body().contains("\"table\":\"gold.u\""));
        List<String> failures = logLines().stream().filter(l -> l.contains("could not deliver"))
                .collect(Collectors.toList());
        assertEquals(List.of("WARN Freshness webhook " + receiver.url("/...") + ": could not deliver"
                + " freshness_sla_breached of gold.t in 4 attempt(s) (HTTP 500); dropped it. Check that the receiver"
                + " is up and accepts JSON POSTs."), failures);
    }

    @Test
    void aRefusalIsNotRetried() {
        receiver.answer(404);
        try (FreshnessWebhook webhook = webhook(receiver.url("/wrong"), QUICK_BACKOFFS)) {
            webhook.freshnessChanged(GOLD_T, true, 12.0, 5, AT);
        }
        assertEquals(List.of(404), receiver.statuses());
        assertTrue(logLines().stream().anyMatch(l -> l.contains("(HTTP 404, not retried: the receiver refused the"
                + " request)")), () -> "logs: " + logLines());
    }

    @Test
    void credentialsInTheUrlAreSentAsBasicAuthAndNeverLogged() {
        receiver.answer(500, 500, 500, 500);
        String url = receiver.url("/hooks/T0SECRETPATH").replace("http://", "http://alice:s3cret@")
                + "?token=QUERYSECRET";
        try (FreshnessWebhook webhook = new FreshnessWebhook(Optional.of(WebhookUrl.parse(url)), QUICK_BACKOFFS,
                DRAIN)) {
            webhook.freshnessChanged(GOLD_T, true, 12.0, 5, AT);
        }

        Request request = receiver.requests().get(0);
        assertEquals("/hooks/T0SECRETPATH?token=QUERYSECRET", request.pathAndQuery());
        assertEquals("Basic " + Base64.getEncoder().encodeToString("alice:s3cret".getBytes(StandardCharsets.UTF_8)),
                request.authorization());
        List<String> lines = logLines();
        assertEquals(2, lines.size(), () -> "logs: " + lines);
        for (String line : lines) {
            for (String secret : List.of("alice", "s3cret", "SECRETPATH", "QUERYSECRET")) {
                assertFalse(line.contains(secret), () -> "logged a credential: " + line);
            }
        }
    }

    @Test
    void withoutAUrlItOnlyLogs() {
        try (FreshnessWebhook webhook = FreshnessWebhook.logOnly()) {
            webhook.freshnessChanged(GOLD_T, true, 12.34, 5, AT);
            webhook.freshnessChanged(GOLD_T, false, 0.0, 5, AT);
        }
        assertEquals(List.of(
                "WARN Synced table gold.t is behind its freshness SLA: 12.3 s behind, SLA 5 s.",
                "INFO Synced table gold.t is back within its freshness SLA: 0.0 s behind, SLA 5 s."), logLines());
        assertEquals(List.of(), receiver.requests());
    }

    private static FreshnessWebhook webhook(String url, List<Duration> backoffs) {
        return new FreshnessWebhook(Optional.of(WebhookUrl.parse(url)), backoffs, DRAIN);
    }

    private List<String> logLines() {
        return logs.list.stream().map(e -> e.getLevel() + " " + e.getFormattedMessage()).collect(Collectors.toList());
    }

    /** One POST as the receiver saw it. */
    record Request(String method, String pathAndQuery, String contentType, String userAgent, String authorization,
            String body) {
    }

    /** A JDK HTTP server that records requests and answers with the statuses it is told (200 after those). */
    private static final class Receiver {
        private final HttpServer server;
        private final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
        private final List<Integer> statuses = Collections.synchronizedList(new ArrayList<>());
        private final Deque<Integer> planned = new ArrayDeque<>();
        private volatile CountDownLatch hold = new CountDownLatch(0);

        Receiver() {
            try {
                server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            } catch (IOException e) {
                throw new IllegalStateException("cannot start the test HTTP server", e);
            }
            server.createContext("/", exchange -> {
                try (InputStream in = exchange.getRequestBody()) {
                    String query = exchange.getRequestURI().getRawQuery();
                    requests.add(new Request(exchange.getRequestMethod(),
                            exchange.getRequestURI().getRawPath() + (query == null ? "" : "?" + query),
                            exchange.getRequestHeaders().getFirst("Content-Type"),
                            exchange.getRequestHeaders().getFirst("User-Agent"),
                            exchange.getRequestHeaders().getFirst("Authorization"),
                            new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                    hold.await();
                    int status;
                    synchronized (planned) {
                        status = planned.isEmpty() ? 200 : planned.removeFirst();
                    }
                    statuses.add(status);
                    exchange.sendResponseHeaders(status, -1);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                } finally {
                    exchange.close();
                }
            });
            server.start();
        }

        String url(String path) {
            return "http://" + server.getAddress().getAddress().getHostAddress() + ":" + server.getAddress().getPort()
                    + path;
        }

        void answer(Integer... statusesInOrder) {
            synchronized (planned) {
                planned.addAll(List.of(statusesInOrder));
            }
        }

        void holdUntil(CountDownLatch latch) {
            hold = latch;
        }

        int answered() {
            return statuses.size();
        }

        List<Request> requests() {
            return List.copyOf(requests);
        }

        List<Integer> statuses() {
            return List.copyOf(statuses);
        }

        void stop() {
            server.stop(0);
        }
    }
}
