package io.lakesync.postgres.internal;

import java.security.SecureRandom;
import org.postgresql.util.PasswordUtil;

/**
 * Passwords of app roles: 32 random letters and digits (190 bits), so that no URL, connection
 * string or shell needs to escape them. PostgreSQL receives only the SCRAM-SHA-256 verifier,
 * computed here, so the password itself never reaches the server or its statement log.
 */
final class AppPasswords {

    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final int LENGTH = 32;
    private static final SecureRandom RANDOM = new SecureRandom();

    private AppPasswords() {
    }

    static String generate() {
        StringBuilder password = new StringBuilder(LENGTH);
        for (int i = 0; i < LENGTH; i++) {
            password.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return password.toString();
    }

    static String scramVerifier(String password) {
        return PasswordUtil.encodeScramSha256(password.toCharArray());
    }
}
