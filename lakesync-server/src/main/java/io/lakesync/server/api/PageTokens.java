package io.lakesync.server.api;

import io.lakesync.core.error.ErrorCode;
import io.lakesync.core.error.LakesyncException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.OptionalLong;

/** Opaque page tokens: where the next page starts, base64url so clients do not build them by hand. */
final class PageTokens {

    private PageTokens() {
    }

    static String of(String position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
    }

    static Optional<String> read(String token) {
        if (token == null || token.isBlank()) {
            return Optional.empty();
        }
        try {
            return Optional.of(new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            throw invalid(token);
        }
    }

    static OptionalLong readLong(String token) {
        Optional<String> position = read(token);
        if (position.isEmpty()) {
            return OptionalLong.empty();
        }
        try {
            return OptionalLong.of(Long.parseLong(position.get()));
        } catch (NumberFormatException e) {
            throw invalid(token);
        }
    }

    static int pageSize(String value, int fallback, int max) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        try {
            int size = Integer.parseInt(value.trim());
            if (size < 1 || size > max) {
                throw new NumberFormatException();
            }
            return size;
        } catch (NumberFormatException e) {
            throw new LakesyncException(ErrorCode.INVALID_ARGUMENT, "page_size must be a whole number from 1 to "
                    + max + " (got '" + value + "').");
        }
    }

    private static LakesyncException invalid(String token) {
        return new LakesyncException(ErrorCode.INVALID_ARGUMENT, "page_token '" + token + "' is not one this server"
                + " gave out. Pass the next_page_token of the previous answer unchanged, or leave it out for the first page.");
    }
}
