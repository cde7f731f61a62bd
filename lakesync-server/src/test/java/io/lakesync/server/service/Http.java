package io.lakesync.server.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.lakesync.client.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * Raw HTTP calls to a lakesync server, as curl would make them, so that tests see the exact status
 * codes and JSON the API answers (the SDK would turn errors into exceptions). Every answer body is
 * kept, so a test can check afterwards that no answer leaked a secret.
 */
public final class Http {

    /** One answer: HTTP status and body. */
    public record Answer(String request, int status, String body) {

        public JsonNode json() {
            try {
                return Json.mapper().readTree(body);
            } catch (JsonProcessingException e) {
                throw new AssertionError(request + " answered " + status + " with a body that is not JSON: " + body, e);
            }
        }

        public String errorCode() {
            return json().path("error_code").asText(null);
        }

        public String message() {
            return json().path("message").asText(null);
        }

        @Override
        public String toString() {
            return request + " -> " + status + " " + body;
        }
    }

    private static final HttpClient CLIENT = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(10)).build();

    private final String baseUrl;
    private final Optional<String> authorization;
    private final List<String> seen;

    private Http(String baseUrl, Optional<String> authorization, List<String> seen) {
        this.baseUrl = baseUrl;
        this.authorization = authorization;
        this.seen = seen;
    }

    /** Calls with {@code Authorization: Bearer token}. */
    public static Http to(String baseUrl, String token) {
        return new Http(baseUrl, Optional.of("Bearer " + token), Collections.synchronizedList(new ArrayList<>()));
    }

    /** The same server, without any Authorization header (answers are still recorded). */
    public Http withoutToken() {
        return new Http(baseUrl, Optional.empty(), seen);
    }

    /** The same server, with this exact Authorization header value. */
    public Http withAuthorization(String header) {
        return new Http(baseUrl, Optional.of(header), seen);
    }

    public String baseUrl() {
        return baseUrl;
    }

    /** Every answer body seen by this caller and its siblings, in order. */
    public List<String> answersSeen() {
        synchronized (seen) {
            return List.copyOf(seen);
        }
    }

    public Answer get(String path) {
        return call("GET", path, null);
    }

    public Answer post(String path, String body) {
        return call("POST", path, body);
    }

    public Answer patch(String path, String body) {
        return call("PATCH", path, body);
    }

    public Answer delete(String path) {
        return call("DELETE", path, null);
    }

    public Answer call(String method, String path, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path)).timeout(Duration.ofSeconds(60))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        authorization.ifPresent(a -> request.header("Authorization", a));
        try {
            HttpResponse<String> response = CLIENT.send(request.build(),
                    HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
            seen.add(response.body());
            return new Answer(method + " " + path, response.statusCode(), response.body());
        } catch (IOException e) {
            throw new AssertionError(method + " " + baseUrl + path + " failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** JSON text of a value built from maps and lists. */
    public static String json(Object value) {
        return Json.write(value);
    }
}
