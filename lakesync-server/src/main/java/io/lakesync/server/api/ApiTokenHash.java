package io.lakesync.server.api;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/**
 * API tokens are random, so a plain SHA-256 is enough to store them (no salt or slow hash needed:
 * nothing to guess from a dictionary); only the hash is kept in {@code lakesync.api_tokens}.
 */
public final class ApiTokenHash {

    private static final SecureRandom RANDOM = new SecureRandom();

    private ApiTokenHash() {
    }

    /** A new token: "lks_" and 32 random bytes, base64url. */
    public static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return "lks_" + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    public static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
