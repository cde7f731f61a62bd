package io.lakesync.postgres.internal;

import io.lakesync.core.error.ErrorCode;
import io.lakesync.core.error.LakesyncException;
import io.lakesync.postgres.catalog.ApiTokens;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/** The API tokens in {@code lakesync.api_tokens}, by the hex SHA-256 of each. */
final class PostgresApiTokens implements ApiTokens {

    private static final Pattern SHA256_HEX = Pattern.compile("[0-9a-f]{64}");

    private final Connector connector;

    PostgresApiTokens(Connector connector) {
        this.connector = connector;
    }

    @Override
    public void store(String name, String sha256Hex) {
        if (name == null || name.isBlank()) {
            throw new LakesyncException(ErrorCode.INVALID_ARGUMENT, "An API token needs a name.");
        }
        String hash = normalized(sha256Hex);
        CatalogAccess.transaction(connector, "storing the API token " + name, connection -> {
            // the same token under another name would break the hash's uniqueness: it moves here
            update(connection, "DELETE FROM lakesync.api_tokens WHERE token_sha256 = ? AND name <> ?", hash, name);
            update(connection, "INSERT INTO lakesync.api_tokens (token_sha256, name) VALUES (?, ?)"
                    + " ON CONFLICT (name) DO UPDATE SET token_sha256 = excluded.token_sha256,"
                    + " created_at = clock_timestamp()", hash, name);
            return null;
        });
    }

    private static void update(Connection connection, String sql, String hash, String name) throws SQLException {
        try (PreparedStatement s = connection.prepareStatement(sql)) {
            s.setString(1, hash);
            s.setString(2, name);
            s.executeUpdate();
        }
    }

    @Override
    public boolean any() {
        return CatalogAccess.autocommit(connector, "reading the API tokens", connection -> {
            try (PreparedStatement s = connection.prepareStatement("SELECT EXISTS (SELECT 1 FROM lakesync.api_tokens)");
                    ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getBoolean(1);
            }
        });
    }

    @Override
    public Optional<String> nameOf(String sha256Hex) {
        if (sha256Hex == null) {
            return Optional.empty();
        }
        String hash = sha256Hex.toLowerCase(Locale.ROOT);
        if (!SHA256_HEX.matcher(hash).matches()) {
            return Optional.empty(); // no stored hash looks like that
        }
        return CatalogAccess.autocommit(connector, "checking an API token", connection -> {
            try (PreparedStatement s = connection.prepareStatement("SELECT name FROM lakesync.api_tokens"
                    + " WHERE token_sha256 = ?")) {
                s.setString(1, hash);
                try (ResultSet rs = s.executeQuery()) {
                    return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
                }
            }
        });
    }

    private static String normalized(String sha256Hex) {
        String hash = sha256Hex == null ? "" : sha256Hex.toLowerCase(Locale.ROOT);
        if (!SHA256_HEX.matcher(hash).matches()) {
            throw new LakesyncException(ErrorCode.INVALID_ARGUMENT, "An API token is stored as the hex SHA-256 of"
                    + " the token (64 characters 0-9a-f), not as the token itself.");
        }
        return hash;
    }
}
