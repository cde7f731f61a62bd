package io.lakesync.server.service;

import io.lakesync.server.LakesyncServer;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/** A lakesync server in the test's JVM (the real one: pool, service, API on a free port) and its API. */
final class InProcessServer implements AutoCloseable {

    private final LakesyncServer server;
    private final Http http;
    private final SyncedTables tables;

    private InProcessServer(LakesyncServer server, Http http) {
        this.server = server;
        this.http = http;
        this.tables = new SyncedTables(http);
    }

    /** Polls sources every 50 ms (the default is 100) so that tests wait less; everything else is default. */
    static InProcessServer start(String jdbcUrl, Optional<String> webhookUrl) {
        String token = "service-it-" + UUID.randomUUID();
        LakesyncServer server = LakesyncServer.start(new LakesyncServer.Options(jdbcUrl, "127.0.0.1", 0,
                Optional.of(token), 10, ServiceSettings.defaults().withPollInterval(Duration.ofMillis(50)), webhookUrl));
        return new InProcessServer(server, Http.to("http://127.0.0.1:" + server.port(), token));
    }

    Http http() {
        return http;
    }

    SyncedTables tables() {
        return tables;
    }

    @Override
    public void close() {
        server.close();
    }
}
