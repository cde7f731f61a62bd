package io.lakesync.server.api;

import io.javalin.http.Context;
import io.lakesync.postgres.catalog.ApiTokens;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks the bearer token of every {@code /api} call against the stored hashes. A known token is
 * remembered for a minute, so a busy console does not cost a query per call and the API keeps
 * answering reads through a short database outage.
 */
final class ApiAuth {

    static final String ACTOR = "lakesync.actor";
    private static final long REMEMBER_NANOS = Duration.ofMinutes(1).toNanos();

    private final ApiTokens tokens;
    private final ConcurrentHashMap<String, Known> known = new ConcurrentHashMap<>();

    ApiAuth(ApiTokens tokens) {
        this.tokens = tokens;
    }

    /** Sets the caller's name on the context, or fails with {@link Unauthenticated} (a 401 answer). */
    void authenticate(Context ctx) {
        String header = ctx.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7) || header.length() <= 7) {
            throw new Unauthenticated("This call needs an API token: send the header"
                    + " 'Authorization: Bearer <token>'. The server printed a token at its first start; or start it"
                    + " with --api-token / LAKESYNC_API_TOKEN. The CLI reads --token or LAKESYNC_API_TOKEN.");
        }
        String hash = ApiTokenHash.sha256(header.substring(7).trim());
        Optional<String> name = lookup(hash);
        if (name.isEmpty()) {
            throw new Unauthenticated("The API token is not valid for this server. Use"
                    + " the token the server printed at its first start or the one given with --api-token.");
        }
        ctx.attribute(ACTOR, name.get());
    }

    private Optional<String> lookup(String hash) {
        Known remembered = known.get(hash);
        if (remembered != null && System.nanoTime() - remembered.checkedAt < REMEMBER_NANOS) {
            return Optional.of(remembered.name);
        }
        Optional<String> name = tokens.nameOf(hash);
        name.ifPresent(n -> known.put(hash, new Known(n, System.nanoTime())));
        return name;
    }

    /** A call without a valid token. */
    static final class Unauthenticated extends RuntimeException {
        Unauthenticated(String message) {
            super(message);
        }
    }

    private record Known(String name, long checkedAt) {
    }
}
