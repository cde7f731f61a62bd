package io.lakesync.postgres.catalog;

import java.util.Optional;

/**
 * {@code lakesync.api_tokens}: the bearer tokens the service accepts, each kept as the hex SHA-256
 * of the token (never the token), under a name that the audit log shows as the actor.
 */
public interface ApiTokens {

    /** Stores the token of {@code name}, replacing the one it had. */
    void store(String name, String sha256Hex);

    /** Whether any token is stored (a first start generates one when none is). */
    boolean any();

    /** The name of the token with this hash, if it is a stored one. */
    Optional<String> nameOf(String sha256Hex);
}
