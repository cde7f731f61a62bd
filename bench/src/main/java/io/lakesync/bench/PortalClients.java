package io.lakesync.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Supplier;

/**
 * HTTP clients of the portal's JSON API for {@link ClosedLoop}, one kept-alive HTTP/1.1 connection
 * per client thread: by default {@link KeepAliveHttp} (a raw socket, all work on the client's
 * thread), or java.net.http.HttpClient (one per thread) to show what a stock client costs. An answer
 * counts as a success when its status is 200 and its body a JSON object.
 */
final class PortalClients {

    private final String host;
    private final int port;

    PortalClients(String host, int port) {
        this.host = host;
        this.port = port;
    }

    /** {@code GET /api/incidents/{id}} for random ids among INC-004001 .. INC-(4000 + incidents). */
    static Supplier<String> randomLookups(int incidents) {
        return () -> "/api/incidents/" + PortalDataset.id(1 + ThreadLocalRandom.current().nextInt(incidents));
    }

    static Supplier<String> fixed(String pathAndQuery) {
        return () -> pathAndQuery;
    }

    ClosedLoop.Clients rawSocket(Supplier<String> paths) {
        return index -> {
            KeepAliveHttp http = new KeepAliveHttp(host, port);
            return new ClosedLoop.Client() {
                @Override
                public boolean call() throws Exception {
                    KeepAliveHttp.Answer answer = http.get(paths.get());
                    return answer.status() == 200 && answer.firstByte() == '{';
                }

                @Override
                public void close() {
                    http.close();
                }
            };
        };
    }

    ClosedLoop.Clients javaHttpClient(Supplier<String> paths) {
        String base = "http://" + host + ":" + port;
        return index -> {
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                    .connectTimeout(Duration.ofSeconds(5)).build();
            return new ClosedLoop.Client() {
                @Override
                public boolean call() throws Exception {
                    HttpRequest request = HttpRequest.newBuilder(URI.create(base + paths.get()))
                            .header("Accept", "application/json").GET().build();
                    HttpResponse<byte[]> answer = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                    return answer.statusCode() == 200 && answer.body().length > 0 && answer.body()[0] == '{';
                }

                @Override
                public void close() {
                    // Java 17's HttpClient has no close(); its threads end once it is unreachable
                }
            };
        };
    }
}
