package io.lakesync.testkit.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP server (the JDK's) that answers each "METHOD /raw/path?query" with a canned status
 * and body and records what it received, so that HTTP clients (the SDK, the CLI) are tested over
 * real sockets against answers a test chooses, including ones a real server would never give.
 * An unknown request gets 418 with a body that names it.
 */
public final class CannedHttpServer implements AutoCloseable {

    record Answer(int status, String contentType, String body) {
    }

    /** One request as it arrived: its method, raw path and query, headers and body. */
    public record Received(String method, String rawPathAndQuery, String authorization, String contentType,
            String body) {
    }

    private final HttpServer server;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();

    public CannedHttpServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Like {@code http://127.0.0.1:40123}. */
    public String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Answers {@code methodAndPath} (like {@code GET /api/x?y=1}) with {@code status} and a JSON body. */
    public CannedHttpServer answer(String methodAndPath, int status, String json) {
        answers.put(methodAndPath, new Answer(status, "application/json", json));
        return this;
    }

    public CannedHttpServer answerText(String methodAndPath, int status, String contentType, String body) {
        answers.put(methodAndPath, new Answer(status, contentType, body));
        return this;
    }

    /** What arrived so far, oldest first (a live, thread-safe view). */
    public List<Received> received() {
        return received;
    }

    private void handle(HttpExchange exchange) throws IOException {
        String raw = exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        received.add(new Received(exchange.getRequestMethod(), raw,
                exchange.getRequestHeaders().getFirst("Authorization"),
                exchange.getRequestHeaders().getFirst("Content-Type"), body));
        Answer answer = answers.getOrDefault(exchange.getRequestMethod() + " " + raw, new Answer(418, "text/plain",
                "no canned answer for " + exchange.getRequestMethod() + " " + raw));
        byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", answer.contentType());
        exchange.sendResponseHeaders(answer.status(), bytes.length == 0 ? -1 : bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
