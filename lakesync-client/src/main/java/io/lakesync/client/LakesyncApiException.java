package io.lakesync.client;

/**
 * The server answered with an error: the HTTP status, the API's error code and the server's
 * message. {@link #getMessage()} reads like
 * {@code RESOURCE_DOES_NOT_EXIST (404): No synced table named gold.x ...}.
 */
public class LakesyncApiException extends LakesyncClientException {

    private final int status;
    private final String errorCode;
    private final String serverMessage;

    public LakesyncApiException(int status, String errorCode, String serverMessage) {
        this(status, errorCode, serverMessage, "");
    }

    /** {@code hint} (may be empty) is appended to the message: what the caller can do about it. */
    protected LakesyncApiException(int status, String errorCode, String serverMessage, String hint) {
        super(errorCode + " (" + status + "): " + serverMessage + (hint.isEmpty() ? "" : " " + hint));
        this.status = status;
        this.errorCode = errorCode;
        this.serverMessage = serverMessage;
    }

    /** The HTTP status, e.g. 404. */
    public int status() {
        return status;
    }

    /** The API's error code, e.g. RESOURCE_DOES_NOT_EXIST. */
    public String errorCode() {
        return errorCode;
    }

    /** The message as the server sent it, without the code and status. */
    public String serverMessage() {
        return serverMessage;
    }
}
