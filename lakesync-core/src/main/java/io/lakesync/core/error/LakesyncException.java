package io.lakesync.core.error;

/**
 * A failure with an {@link ErrorCode} and a message that says what went wrong, why, and how to
 * fix it. The message is shown to users as is, so it never is a stack trace.
 */
public class LakesyncException extends RuntimeException {

    private final ErrorCode code;

    public LakesyncException(ErrorCode code, String message) {
        super(message);
        this.code = code;
    }

    public LakesyncException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }

    /** {@code CODE: message}, the form printed by the CLI and stored in the run history. */
    public String describe() {
        return code.name() + ": " + getMessage();
    }
}
