package io.lakesync.postgres.internal.copy;

/**
 * Raised inside the encoder when a string holds a NUL byte and the policy is FAIL; the row writer
 * turns it into INVALID_TEXT_VALUE naming the column and the row's key. No stack trace: it is a
 * signal, not a bug.
 */
final class InvalidTextException extends RuntimeException {

    static final InvalidTextException INSTANCE = new InvalidTextException();

    private InvalidTextException() {
        super("NUL byte in text", null, false, false);
    }
}
